/* beian — the phone page (/m/#t=TOKEN): photographs of the documents a
 * desktop upload page asked for through its QR code.
 *
 * Plain ES5 on purpose (no modules, arrow functions, fetch or promises), so
 * that WeChat's and other in-app browsers on old phones run it; loaded with
 * <script src> because the CSP forbids inline script.
 *
 *   * The token is read from location.hash (#t=TOKEN: never sent to a
 *     server, so never in a log) and stays there for the code's lifetime:
 *     in-app browsers reload the page after the camera, and a reload must
 *     find it again (a refused classic post's ?error= is dropped, the
 *     hash kept).
 *   * GET /api/m/TOKEN (the first one binds this phone, by an HttpOnly
 *     cookie the server sets) → the subject, the websites and, per document
 *     still needed, a card with a short guide and a real
 *     <form method="post" enctype="multipart/form-data"> posting to
 *     /api/m/TOKEN/uploads: a file input (camera first), kind and
 *     website_id. Choosing a photo sends it at once with XMLHttpRequest and
 *     a progress bar; without FormData the form is posted classically
 *     (`next` brings this page back, which then lists it as uploaded).
 *   * Expired, revoked or opened on another phone: one clear full-page
 *     message saying what to do on the computer.
 */
(function () {
  'use strict';

  var API = '/api/m/';
  var token = '';
  var content = document.getElementById('m-content');

  /* ------------------------------------------------------------ helpers */

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.appendChild(document.createTextNode(String(text)));
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function addClass(node, c) {
    if ((' ' + node.className + ' ').indexOf(' ' + c + ' ') < 0) node.className += ' ' + c;
  }

  function removeClass(node, c) {
    node.className = (' ' + node.className + ' ').replace(' ' + c + ' ', ' ').replace(/^\s+|\s+$/g, '');
  }

  function parse(xhr) {
    try {
      return JSON.parse(xhr.responseText);
    } catch (e) {
      return null;
    }
  }

  function errorOf(xhr) {
    var d = parse(xhr);
    var e = d && d.error && typeof d.error === 'object' ? d.error : {};
    return { code: e.code || '', message: e.message || '', fields: e.fields || {} };
  }

  function fallbackMessage(status) {
    if (status === 0) return '网络连接中断了。请检查手机网络后再试。';
    if (status === 413) return '照片太大，无法上传。请重新拍摄后再试。';
    if (status === 429) return '操作太频繁，请稍等一会儿再试。';
    if (status >= 500) return '系统暂时出错，这不是您的问题。请稍后再试。';
    return '没有上传成功，请再试一次。';
  }

  function tokenFromHash() {
    var m = /(?:^#|&)t=([A-Za-z0-9._~-]+)/.exec(location.hash || '');
    return m ? m[1] : '';
  }

  /* -------------------------------------------- the whole-page messages */

  function fullPage(heading, lines) {
    clear(content);
    var box = el('div', 'm-stop');
    box.setAttribute('role', 'alert');
    box.appendChild(el('h2', '', heading));
    for (var i = 0; i < lines.length; i++) if (lines[i]) box.appendChild(el('p', '', lines[i]));
    content.appendChild(box);
    document.title = heading + ' · 备案系统';
  }

  function stopFor(err, status) {
    if (err.code === 'handoff_bound') {
      // The server's sentence says what to do; ours only when it sent none.
      fullPage('这个二维码已在另一部手机上使用', [err.message ||
        '为了安全，每个二维码只能在一部手机上使用。请在电脑上点“刷新二维码”，再用这部手机重新扫描。']);
      return true;
    }
    if (err.code === 'handoff_unknown' || (status === 404 && !err.code)) {
      fullPage('二维码已过期', [err.message ||
        '二维码已过期，请在电脑上刷新二维码后重新扫描：在“上传资料”页面点“用手机上传”，再点“刷新二维码”。']);
      return true;
    }
    return false;
  }

  /* ----------------------------------------------------------- requests */

  function get(path, done) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', path, true);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.onreadystatechange = function () {
      if (xhr.readyState === 4) done(xhr);
    };
    xhr.send(null);
  }

  /* --------------------------------------------------------- guides */

  var GUIDES = {
    verification_form: '先在电脑上下载核验单，打印并签字；整页放平拍摄，四角完整、避免反光。',
    commitment_letter: '先在电脑上下载承诺书，打印后用黑色签字笔签字；整页放平拍摄，四角完整、避免反光。',
    authorization_letter: '授权书打印、签字并盖章后，整页放平拍摄，四角完整、避免反光。',
    domain_certificate: '域名证书在域名注册商的控制台下载；拍摄打印件或屏幕截图均可，域名、持有者要清晰可读。',
    preapproval_document: '前置审批文件整页放平拍摄，审批号、有效期要清晰可读。',
    residence_permit: '居住证放平、四角完整、避免反光；有效期要清晰可读。',
    curtain_photo: '网站负责人本人拍胸部以上的半身照：竖着拍，头和双肩完整，正对镜头；' +
      '不要穿红色或蓝色的上衣，衣着与季节相符。幕布核验请站在幕布正中间，幕布文字不能是镜像；' +
      '白底核验请站在白墙前。请他人用后置摄像头拍摄最清楚。'
  };

  function guideFor(kind) {
    if (GUIDES[kind]) return GUIDES[kind];
    if (/id_(front|back)$|licen[cs]e/.test(kind)) return '证件放平、四角完整、避免反光；文字要清晰可读。';
    return '整页放平拍摄，四角完整、避免反光；文字要清晰可读。';
  }

  /* ------------------------------------------------------------ a card */

  var cards = [];

  function card(item) {
    var box = el('section', 'm-item');
    var id = 'm-' + item.kind + '-' + (item.website_id || 0);
    box.id = id;
    var h = el('h2', '', item.kind_name || item.kind);
    if (item.website_name) {
      h.appendChild(document.createTextNode(' '));
      h.appendChild(el('span', 'badge', item.website_name));
    }
    box.appendChild(h);
    box.appendChild(el('p', 'm-guide', guideFor(item.kind)));

    var form = el('form', 'm-form');
    form.method = 'post';
    form.enctype = 'multipart/form-data';
    form.setAttribute('enctype', 'multipart/form-data');
    form.action = API + encodeURIComponent(token) + '/uploads';
    function hidden(name, value) {
      var i = document.createElement('input');
      i.type = 'hidden';
      i.name = name;
      i.value = value;
      form.appendChild(i);
    }
    hidden('kind', item.kind);
    hidden('website_id', String(item.website_id || 0));
    hidden('next', '/m/#t=' + token);
    // A refused classic post comes back here with ?error= before the #t=.
    hidden('back', '/m/#t=' + token);
    var label = el('label', 'm-pick btn btn-primary');
    var words = el('span', 'm-pick-text', '拍照上传');
    var input = document.createElement('input');
    input.type = 'file';
    input.name = 'file';
    input.accept = 'image/*';
    // The verification photo is of a person: the selfie camera fits.
    input.setAttribute('capture', item.kind === 'curtain_photo' ? 'user' : 'environment');
    input.className = 'm-file';
    label.appendChild(words);
    label.appendChild(input);
    form.appendChild(label);
    box.appendChild(form);

    var progress = el('div', 'm-progress');
    progress.hidden = true;
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', '上传进度');
    progress.appendChild(bar);
    box.appendChild(progress);
    var status = el('p', 'm-status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    box.appendChild(status);
    var error = el('p', 'm-error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    box.appendChild(error);

    var c = { item: item, box: box, done: false };
    cards.push(c);

    function busy(on) {
      input.disabled = on;
      if (on) addClass(label, 'disabled');
      else removeClass(label, 'disabled');
      progress.hidden = !on;
    }

    function fail(text) {
      busy(false);
      status.textContent = '';
      error.textContent = text;
      error.hidden = false;
      addClass(box, 'has-error');
    }

    function uploaded(d) {
      busy(false);
      c.done = true;
      removeClass(box, 'has-error');
      addClass(box, 'done');
      var note = '已上传';
      if (d && d.width && d.height) note += ' ' + d.width + '×' + d.height;
      status.textContent = note;
      var warnings = d && d.warnings && d.warnings.length ? d.warnings : [];
      var old = box.getElementsByClassName('m-warning');
      while (old.length) old[0].parentNode.removeChild(old[0]);
      for (var i = 0; i < warnings.length; i++) box.appendChild(el('p', 'field-warning m-warning', warnings[i]));
      words.textContent = '重新拍摄';
      removeClass(label, 'btn-primary');
      addClass(label, 'btn-secondary');
      summary();
    }

    var queued = 0;
    // again: the body of a send that waited its turn (the input is
    // disabled meanwhile, and a disabled input is not in a new FormData).
    function send(again) {
      var file = input.files && input.files[0];
      if (!file && !again) return;
      error.hidden = true;
      removeClass(box, 'has-error');
      if (!window.FormData || !window.XMLHttpRequest) {
        form.submit();            // the classic post: `next` brings this page back
        return;
      }
      var body = again || new FormData(form);
      busy(true);
      bar.value = 0;
      status.textContent = '正在上传 0%';
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action, true);
      xhr.setRequestHeader('Accept', 'application/json');
      if (xhr.upload) {
        xhr.upload.onprogress = function (ev) {
          if (!ev.lengthComputable || !ev.total) return;
          var pct = Math.min(100, Math.floor(ev.loaded / ev.total * 100));
          bar.value = pct;
          status.textContent = '正在上传 ' + pct + '%';
        };
        xhr.upload.onload = function () {
          bar.removeAttribute('value');
          status.textContent = '正在处理…（自动转正、压缩）';
        };
      }
      xhr.onreadystatechange = function () {
        if (xhr.readyState !== 4) return;
        if (xhr.status >= 200 && xhr.status < 300) {
          queued = 0;
          uploaded(parse(xhr));
          return;
        }
        // Two uploads at a time per phone (nginx): the rest wait
        // their turn instead of failing.
        if (xhr.status === 429 && queued < 20) {
          var wait = Math.max(1, Math.min(10, parseInt(xhr.getResponseHeader('Retry-After'), 10) || 1));
          queued++;
          status.textContent = '正在排队：' + wait + ' 秒后自动继续上传…';
          setTimeout(function () { send(body); }, wait * 1000);
          return;
        }
        queued = 0;
        var err = errorOf(xhr);
        if (stopFor(err, xhr.status)) return;
        var f = err.fields;
        fail((f && (f.file || f.kind || f.website_id)) || err.message || fallbackMessage(xhr.status));
      };
      xhr.send(body);
    }

    // A photo of the person is looked at before it goes: a preview, then
    // 发送 or 重拍.  Documents go at once (the desktop shows them).
    var check = null;
    if (item.kind === 'curtain_photo' && window.URL && URL.createObjectURL) {
      check = el('div', 'm-check');
      check.hidden = true;
      var shot = document.createElement('img');
      shot.alt = '刚拍的照片';
      var sendBtn = el('button', 'btn btn-primary m-send', '发送这张照片');
      sendBtn.type = 'button';
      var again = el('button', 'btn btn-secondary m-again', '重拍');
      again.type = 'button';
      check.appendChild(shot);
      check.appendChild(el('p', 'm-guide', '请确认：人像清晰、正对镜头，头和双肩完整，背景符合要求。'));
      check.appendChild(sendBtn);
      check.appendChild(document.createTextNode(' '));
      check.appendChild(again);
      box.insertBefore(check, progress);
      sendBtn.onclick = function () {
        check.hidden = true;
        send();
      };
      again.onclick = function () {
        check.hidden = true;
        input.click();
      };
      input.onchange = function () {
        var file = input.files && input.files[0];
        if (!file) return;
        if (shot.src) URL.revokeObjectURL(shot.src);
        shot.src = URL.createObjectURL(file);
        error.hidden = true;
        check.hidden = false;
      };
    } else
      input.onchange = function () { send(); };
    return c;
  }

  /* --------------------------------------------------------- the page */

  function siteName(sites, id) {
    for (var i = 0; i < sites.length; i++) if (sites[i].id === id) return sites[i].name || '';
    return '';
  }

  var summaryBox = null;

  function summary() {
    if (!summaryBox) return;
    var left = 0;
    for (var i = 0; i < cards.length; i++) if (!cards[i].done) left++;
    summaryBox.className = left ? 'alert alert-info m-summary' : 'alert alert-success m-summary';
    summaryBox.firstChild.textContent = left
      ? '还需要拍摄 ' + left + ' 份材料。'
      : '全部上传完成。请回到电脑上查看，可以关闭这个页面了。';
  }

  function render(d) {
    clear(content);
    var subject = d.subject && d.subject.name ? d.subject.name : '';
    var intro = el('p', 'm-intro');
    intro.appendChild(document.createTextNode('为 '));
    intro.appendChild(el('strong', '', subject || '您的备案'));
    intro.appendChild(document.createTextNode(d.stage === 'verification'
      ? ' 的备案拍摄网站负责人的核验照片。照片会直接传到电脑上的备案页面。'
      : ' 的备案拍摄证件。照片会直接传到电脑上的备案页面。'));
    content.appendChild(intro);

    var sites = d.websites || [];
    if (sites.length) {
      var ul = el('ul', 'm-sites');
      for (var i = 0; i < sites.length; i++) {
        var s = sites[i];
        var li = el('li', '', '网站：' + (s.name || ''));
        if (s.owner_name) li.appendChild(el('span', 'm-owner', '负责人 ' + s.owner_name +
          (s.owner_id_number ? '（' + s.owner_id_number + '）' : '')));
        ul.appendChild(li);
      }
      content.appendChild(ul);
    }

    summaryBox = el('div', 'alert alert-info m-summary');
    summaryBox.setAttribute('role', 'status');
    summaryBox.appendChild(el('p', '', ''));
    content.appendChild(summaryBox);

    var needed = d.needed || [];
    cards = [];
    for (var j = 0; j < needed.length; j++) content.appendChild(card(needed[j]).box);

    var ups = d.uploads || [];
    if (ups.length) {
      var done = el('section', 'm-uploaded');
      done.appendChild(el('h2', '', '已经上传'));
      var list = el('ul', '');
      for (var k = 0; k < ups.length; k++) {
        var u = ups[k];
        var li2 = el('li', '');
        if (u.thumb_url) {
          var img = document.createElement('img');
          img.src = u.thumb_url;
          img.alt = '';
          li2.appendChild(img);
        }
        li2.appendChild(document.createTextNode('✓ ' + (u.kind_name || u.kind)));
        var site = siteName(sites, u.website_id);
        if (site) {
          li2.appendChild(document.createTextNode(' '));
          li2.appendChild(el('span', 'badge', site));
        }
        list.appendChild(li2);
      }
      done.appendChild(list);
      content.appendChild(done);
    }
    summary();
    if (!needed.length) {
      summaryBox.firstChild.textContent = '需要的材料都已上传。请回到电脑上查看，可以关闭这个页面了。';
      summaryBox.className = 'alert alert-success m-summary';
    }
    document.body.setAttribute('data-ready', 'true');
  }

  // After a refused classic post (no FormData): the query names the error.
  // Only fixed sentences are shown; the page cannot check the signed msg.
  function postedError() {
    var m = /[?&]error=([a-z_]+)/.exec(location.search);
    if (!m) return '';
    if (m[1] === 'too_large')
      return '照片太大（超过 20 MB），没有上传成功。请重新拍摄一张再上传。';
    if (/[?&]field=file\b/.test(location.search) || m[1] === 'unsupported_media_type')
      return '照片没有上传成功：请拍摄清晰的 JPG 或 PNG 照片后重新上传。';
    return '上传没有成功（' + m[1] + '），请重新拍摄上传；多次失败请回到电脑上传。';
  }

  function start() {
    token = tokenFromHash();
    var posted = postedError();
    if (location.search && window.history && history.replaceState) {
      try {
        history.replaceState(null, '', location.pathname + location.hash);
      } catch (e) { /* keep the query */ }
    }
    if (!token) {
      fullPage('没有找到上传二维码', [
        '请用手机相机或微信扫描电脑上“上传资料”页面的二维码打开本页。']);
      return;
    }
    get(API + encodeURIComponent(token), function (xhr) {
      if (xhr.status === 200) {
        var d = parse(xhr);
        if (d) {
          render(d);
          if (posted) {
            var warn = el('p', 'alert alert-error m-posted', posted);
            warn.setAttribute('role', 'alert');
            content.insertBefore(warn, content.firstChild);
          }
          return;
        }
      }
      var err = errorOf(xhr);
      if (stopFor(err, xhr.status)) return;
      fullPage('页面没有打开', [err.message || fallbackMessage(xhr.status),
        '请稍后在电脑上刷新二维码，再重新扫描。']);
    });
  }

  // A new code scanned into this same tab only changes the hash: start again.
  if ('onhashchange' in window) {
    window.onhashchange = function () {
      if (tokenFromHash()) {
        clear(content);
        content.appendChild(el('p', 'm-loading', '正在打开…'));
        start();
      }
    };
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, false);
  else start();
}());
