// The SMS window's countdown on the progress page: the server renders
// the time left when the page loads; this keeps it true while it stays
// open, and reloads once the window has run out.
const el = document.querySelector('.sms-countdown');
if (el) {
  const end = Date.now() + Number(el.dataset.secondsLeft) * 1000;
  const out = el.querySelector('.sms-left');
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const h = Math.floor(left / 3600);
    const m = Math.floor((left % 3600) / 60);
    const s = left % 60;
    out.textContent = `${h} 小时 ${m} 分钟 ${s} 秒`;
    if (left === 0) {
      clearInterval(timer);
      location.reload();
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
}
