// beian — step 6 "检查并提交". The page is rendered by the server (the
// findings, the submit form); forms.js posts the form through the API.
// When the server refuses because a check failed since the page was drawn
// (a rule or a registrar fact changed, another tab edited the order), the
// list on the page is stale: draw it again from the server.

const form = document.querySelector('form[action$="/submit"]');
if (form) {
  form.addEventListener('api-form:refused', (ev) => {
    const code = ev.detail?.error?.code;
    if (code === 'checks_failed' || code === 'order_not_submittable') location.reload();
  });
}
