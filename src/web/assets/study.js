/* Reading page: a heartbeat every 30 s while the page is visible credits study time (学时). */
(function () {
  'use strict';
  var el = document.getElementById('reading');
  if (!el) return;
  var clock = document.getElementById('study-clock');
  var code = el.getAttribute('data-code');
  var seconds = 0;
  var available = true;
  function beat() {
    if (!available || document.visibilityState !== 'visible') return;
    xf.api('POST', '/api/study/heartbeat', {
      regulation: code,
      regulationId: Number(el.getAttribute('data-id')),
    }).then(
      function (r) {
        if (r.status === 404) {
          available = false;
          clock.textContent = '';
          return;
        }
        if (r.status < 300) {
          seconds += 30;
          clock.textContent = '本次已阅读约 ' + Math.round(seconds / 60) + ' 分钟，计入学时';
        }
      },
      function () {
        clock.textContent = '网络异常，阅读时间暂未记录';
      },
    );
  }
  setInterval(beat, 30000);
})();
