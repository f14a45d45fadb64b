/*
 * Reading page: a heartbeat every 30 s credits study time (学时). The page counts as active only while it is
 * visible and the reader did something (scroll, key, input, click, touch) within the last ACTIVE_WINDOW seconds;
 * the server decides what to credit from `active` and `secondsSinceActivity`.
 */
(function () {
  'use strict';
  var el = document.getElementById('reading');
  if (!el || !window.xf) return;
  var BEAT_MS = 30000;
  var ACTIVE_WINDOW = 120;
  var clock = document.getElementById('study-clock');
  var code = el.getAttribute('data-regulation');
  var material = el.getAttribute('data-material');
  var lastActivity = Date.now();
  var stopped = false;

  function touch() {
    lastActivity = Date.now();
  }
  ['scroll', 'keydown', 'input', 'pointerdown', 'touchstart', 'wheel'].forEach(function (type) {
    window.addEventListener(type, touch, { passive: true, capture: true });
  });

  function say(text) {
    if (clock) clock.textContent = text;
  }

  function beat() {
    if (stopped) return;
    var since = Math.round((Date.now() - lastActivity) / 1000);
    var visible = document.visibilityState === 'visible';
    var body = { active: visible && since <= ACTIVE_WINDOW, secondsSinceActivity: since };
    if (code) body.regulationCode = code;
    else if (material) body.materialId = Number(material);
    else return;
    xf.api('POST', '/api/study/heartbeat', body).then(
      function (r) {
        if (r.status === 401 || r.status === 403 || r.status === 404) {
          stopped = true;
          say('阅读时间暂不能记录（请重新登录）');
          return;
        }
        if (r.status >= 300 || !r.body) return;
        var minutes = Math.floor((r.body.today || 0) / 60);
        if (r.body.reason === 'idle') say('已暂停计时：较长时间没有操作。滚动或按键后继续计入学时。');
        else if (r.body.reason === 'daily-cap') say('今日阅读学时已达上限（已计 ' + minutes + ' 分钟）。');
        else if (r.body.reason === 'material-cap') say('本篇今日已达计时上限，可换一篇继续学习。');
        else say('今日已计入阅读学时 ' + minutes + ' 分钟');
      },
      function () {
        say('网络异常，阅读时间暂未记录');
      },
    );
  }
  beat();
  setInterval(beat, BEAT_MS);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') touch();
  });
})();
