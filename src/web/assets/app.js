/* 学法考试平台: shared helpers — fetch() to /api with the session cookie and the CSRF header. */
(function () {
  'use strict';
  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrf_token=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }
  /** Resolves to {status, body}; rejects only when the network fails. */
  function api(method, url, body) {
    var headers = { 'X-CSRF-Token': csrf(), Accept: 'application/json' };
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (res) {
      return res.text().then(function (t) {
        var json = null;
        try {
          json = t ? JSON.parse(t) : null;
        } catch (e) {
          json = null;
        }
        return { status: res.status, body: json };
      });
    });
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }
  window.xf = { csrf: csrf, api: api, el: el };
  /* <button data-copy="id">: copies the text of #id (a readonly textarea) and says so. */
  document.addEventListener('click', function (ev) {
    var btn = ev.target && ev.target.closest ? ev.target.closest('[data-copy]') : null;
    if (!btn) return;
    var id = btn.getAttribute('data-copy');
    var src = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!src) return;
    function done(ok) {
      if (status) status.textContent = ok ? '已复制到剪贴板' : '复制失败，请手动选中文字复制';
    }
    var text = src.value !== undefined ? src.value : src.textContent;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(
        function () {
          done(true);
        },
        function () {
          src.select && src.select();
          done(document.execCommand && document.execCommand('copy'));
        },
      );
    } else {
      src.select && src.select();
      done(document.execCommand && document.execCommand('copy'));
    }
  });
})();
