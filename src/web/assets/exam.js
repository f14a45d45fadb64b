/*
 * Exam page. The countdown runs on the server's deadline corrected by the server/client clock offset; every
 * answer is saved at once with an increasing seq (kept in localStorage, so a reload never reuses one); saves that
 * fail wait in a localStorage queue and are retried with backoff; at zero the paper is submitted.
 */
(function () {
  'use strict';
  var root = document.getElementById('exam');
  if (!root) return;
  var data = JSON.parse(document.getElementById('paper-data').textContent);
  var id = data.id;
  var SEQ_KEY = 'xuefa.seq.' + id;
  var QUEUE_KEY = 'xuefa.queue.' + id;
  var deadline = data.deadline ? Date.parse(data.deadline) : null;
  var offset = Date.parse(data.serverNow) - Date.now();
  var submitting = false;
  var finished = false;
  var retryDelay = 1000;
  var retryTimer = null;
  var inflight = {};
  var answered = {};
  var order = data.questions.map(function (q) {
    answered[q.id] = q.answered;
    return q.id;
  });

  function load(key, dflt) {
    try {
      var v = localStorage.getItem(key);
      return v ? JSON.parse(v) : dflt;
    } catch (e) {
      return dflt;
    }
  }
  function store(key, v) {
    try {
      localStorage.setItem(key, JSON.stringify(v));
    } catch (e) {
      /* storage full or disabled: saving still works while online */
    }
  }
  var maxServerSeq = data.questions.reduce(function (m, q) {
    return Math.max(m, q.seq || 0);
  }, 0);
  var seq = Math.max(load(SEQ_KEY, 0), maxServerSeq);
  var queue = load(QUEUE_KEY, {});
  function nextSeq() {
    seq += 1;
    store(SEQ_KEY, seq);
    return seq;
  }

  // ---- reading and writing the inputs ----
  function fieldset(qid) {
    return document.getElementById('qq' + qid);
  }
  /** The sub-question blocks of a case, in order. */
  function subs(fs) {
    return Array.prototype.slice.call(fs.querySelectorAll('.sub-question'));
  }
  function readResponse(qid) {
    var fs = fieldset(qid);
    var type = fs.getAttribute('data-type');
    if (type === 'case') {
      var list = subs(fs).map(function (el) {
        return readFrom(el, el.getAttribute('data-subtype'));
      });
      return list.some(function (v) {
        return v !== null;
      })
        ? list
        : null;
    }
    return readFrom(fs, type);
  }
  function readFrom(fs, type) {
    if (type === 'short-answer') {
      var text = fs.querySelector('textarea').value;
      return text.trim() ? text : null;
    }
    var inputs = Array.prototype.slice.call(fs.querySelectorAll('input'));
    if (type === 'fill-blank') {
      var vals = inputs.map(function (i) {
        return i.value.trim();
      });
      return vals.some(function (v) {
        return v;
      })
        ? vals
        : null;
    }
    var chosen = inputs.filter(function (i) {
      return i.checked;
    });
    if (type === 'multiple')
      return chosen.length
        ? chosen.map(function (i) {
            return i.value;
          })
        : null;
    if (!chosen.length) return null;
    if (type === 'true-false') return chosen[0].value === 'true';
    return chosen[0].value;
  }
  function writeResponse(qid, response) {
    var fs = fieldset(qid);
    if (!fs) return;
    var type = fs.getAttribute('data-type');
    if (type === 'case') {
      subs(fs).forEach(function (el, k) {
        writeTo(el, el.getAttribute('data-subtype'), Array.isArray(response) ? response[k] : null);
      });
      return;
    }
    writeTo(fs, type, response);
  }
  function writeTo(fs, type, response) {
    if (type === 'short-answer') {
      var box = fs.querySelector('textarea');
      box.value = typeof response === 'string' ? response : '';
      count(box);
      return;
    }
    var inputs = Array.prototype.slice.call(fs.querySelectorAll('input'));
    if (type === 'fill-blank') {
      inputs.forEach(function (i, k) {
        i.value = response && response[k] != null ? response[k] : '';
      });
      return;
    }
    inputs.forEach(function (i) {
      if (type === 'multiple') i.checked = Array.isArray(response) && response.indexOf(i.value) >= 0;
      else if (type === 'true-false') i.checked = response !== null && String(response) === i.value;
      else i.checked = response === i.value;
    });
  }

  // ---- state shown to the candidate ----
  var statusEl = document.getElementById('save-status');
  function renderState() {
    var pending = Object.keys(queue).length;
    order.forEach(function (qid) {
      var nav = document.getElementById('nav-' + qid);
      var qs = document.getElementById('qs-' + qid);
      var unsaved = Object.prototype.hasOwnProperty.call(queue, qid);
      nav.classList.toggle('answered', !!answered[qid]);
      nav.classList.toggle('unsaved', unsaved);
      var label = unsaved ? '未保存' : answered[qid] ? '已作答，已保存' : '未作答';
      nav.querySelector('.state').textContent = label;
      qs.textContent = unsaved
        ? inflight[qid]
          ? '保存中…'
          : '未保存，等待重试'
        : answered[qid]
          ? '已保存'
          : '未作答';
      qs.className = 'q-status ' + (unsaved ? 'unsaved' : answered[qid] ? 'saved' : 'empty');
    });
    if (pending === 0) {
      statusEl.textContent = '答案已全部保存';
      statusEl.className = 'save-status saved';
    } else {
      statusEl.textContent =
        '有 ' +
        pending +
        ' 题答案尚未保存' +
        (navigator.onLine === false ? '（网络已断开，恢复后自动重试）' : '，正在重试…');
      statusEl.className = 'save-status unsaved';
    }
  }

  // ---- saving ----
  function flush() {
    Object.keys(queue).forEach(function (qid) {
      send(qid);
    });
  }
  function scheduleRetry() {
    if (retryTimer || finished) return;
    retryTimer = setTimeout(function () {
      retryTimer = null;
      flush();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }
  function send(qid) {
    var entry = queue[qid];
    if (!entry || inflight[qid] || finished) return;
    inflight[qid] = entry.seq;
    renderState();
    xf.api('PUT', '/api/attempts/' + id + '/answers/' + qid, {
      response: entry.response,
      seq: entry.seq,
    }).then(
      function (r) {
        delete inflight[qid];
        if (r.status === 200 || r.status === 201) {
          retryDelay = 1000;
          if (queue[qid] && queue[qid].seq === entry.seq) delete queue[qid];
          store(QUEUE_KEY, queue);
        } else if (r.status === 409) {
          // The attempt is over (time up or submitted elsewhere): show the result.
          finish();
          return;
        } else if (r.status === 400 || r.status === 404) {
          delete queue[qid];
          store(QUEUE_KEY, queue);
        } else {
          scheduleRetry();
        }
        renderState();
        if (queue[qid] && queue[qid].seq !== entry.seq) send(qid);
      },
      function () {
        delete inflight[qid];
        renderState();
        scheduleRetry();
      },
    );
  }
  function changed(qid) {
    var response = readResponse(qid);
    answered[qid] = response !== null;
    queue[qid] = { response: response, seq: nextSeq() };
    store(QUEUE_KEY, queue);
    renderState();
    send(qid);
  }
  document.getElementById('paper').addEventListener('change', function (ev) {
    var fs = ev.target.closest('fieldset.question');
    if (fs) changed(fs.getAttribute('data-q'));
  });
  var typing = {};
  /** The character count under a text box (code points, as the server counts them). */
  function count(box) {
    var el = document.querySelector('[data-counter-for="' + box.id + '"] .count');
    if (el) el.textContent = String(Array.from(box.value).length);
  }
  document.getElementById('paper').addEventListener('input', function (ev) {
    if (ev.target.tagName === 'TEXTAREA') count(ev.target);
    if (ev.target.type !== 'text' && ev.target.tagName !== 'TEXTAREA') return;
    var fs = ev.target.closest('fieldset.question');
    if (!fs) return;
    var qid = fs.getAttribute('data-q');
    clearTimeout(typing[qid]);
    typing[qid] = setTimeout(function () {
      changed(qid);
    }, 800);
  });
  window.addEventListener('online', function () {
    retryDelay = 1000;
    flush();
  });
  window.addEventListener('offline', renderState);

  // ---- the clock ----
  var countdownEl = document.getElementById('countdown');
  function remainingMs() {
    return deadline === null ? Infinity : deadline - (Date.now() + offset);
  }
  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function tick() {
    var ms = remainingMs();
    if (ms === Infinity) {
      countdownEl.textContent = '不限时';
      return;
    }
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600);
    countdownEl.textContent = (h ? h + ':' : '') + pad(Math.floor((s % 3600) / 60)) + ':' + pad(s % 60);
    countdownEl.parentNode.classList.toggle('urgent', s <= 300);
    if (s <= 0 && !submitting) timeUp();
  }
  setInterval(tick, 500);

  function refresh() {
    xf.api('GET', '/api/attempts/' + id).then(function (r) {
      if (r.status !== 200 || !r.body) return;
      if (r.body.status !== 'in-progress') return finish();
      deadline = r.body.deadline ? Date.parse(r.body.deadline) : null;
      offset = Date.parse(r.body.serverNow) - Date.now();
      tick();
    });
  }
  function event(type) {
    if (finished) return;
    xf.api('POST', '/api/attempts/' + id + '/events', { type: type }).then(function (r) {
      if (r.body && r.body.submitted) finish();
    });
  }
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') event('visibility-hidden');
    else {
      event('visibility-visible');
      refresh();
      flush();
    }
  });

  // ---- submitting ----
  function finish() {
    if (finished) return;
    finished = true;
    try {
      localStorage.removeItem(QUEUE_KEY);
    } catch (e) {
      /* ignore */
    }
    location.replace('/app/attempts/' + id + '/result');
  }
  function submit(by) {
    if (submitting) return;
    submitting = true;
    statusEl.textContent = by === 'timer' ? '考试时间到，正在自动交卷…' : '正在交卷…';
    // Last chance for queued answers (within the server's grace period), then submit.
    var pending = Object.keys(queue);
    var saves = pending.map(function (qid) {
      var e = queue[qid];
      return xf
        .api('PUT', '/api/attempts/' + id + '/answers/' + qid, { response: e.response, seq: e.seq })
        .catch(function () {
          return null;
        });
    });
    Promise.all(saves)
      .then(function () {
        return xf.api('POST', '/api/attempts/' + id + '/submit');
      })
      .then(
        function (r) {
          if (r.status === 200 || r.status === 409) return finish();
          submitting = false;
          statusEl.textContent = '交卷失败：' + ((r.body && r.body.message) || r.status) + '，请重试';
        },
        function () {
          submitting = false;
          statusEl.textContent = '网络异常，交卷未成功，正在重试…';
          setTimeout(function () {
            submit(by);
          }, 3000);
        },
      );
  }
  /**
   * Time is up: no more input; queued answers are sent (the server accepts them for a short grace period) and the
   * server submits the paper itself ("系统自动交卷"); the page waits for that and then shows the result. Should the
   * server not have submitted a while later (clock trouble), the page submits.
   */
  function timeUp() {
    submitting = true;
    Array.prototype.forEach.call(
      document.querySelectorAll('#paper input, #paper textarea, #paper button'),
      function (i) {
        i.disabled = true;
      },
    );
    statusEl.textContent = '考试时间到，正在自动交卷…';
    statusEl.className = 'save-status unsaved';
    Object.keys(queue).forEach(function (qid) {
      var e = queue[qid];
      xf.api('PUT', '/api/attempts/' + id + '/answers/' + qid, { response: e.response, seq: e.seq }).catch(
        function () {
          return null;
        },
      );
    });
    var started = Date.now();
    (function poll() {
      xf.api('GET', '/api/attempts/' + id).then(
        function (r) {
          if (r.status === 200 && r.body && r.body.status !== 'in-progress') return finish();
          if (Date.now() - started > 45000) {
            submitting = false;
            return submit('timer');
          }
          setTimeout(poll, 2000);
        },
        function () {
          setTimeout(poll, 3000);
        },
      );
    })();
  }

  var dialog = document.getElementById('confirm');
  document.getElementById('submit-btn').addEventListener('click', function () {
    var missing = [];
    order.forEach(function (qid, i) {
      if (!answered[qid]) missing.push(i + 1);
    });
    document.getElementById('confirm-text').textContent = missing.length
      ? '还有 ' +
        missing.length +
        ' 题未作答：第 ' +
        missing.join('、') +
        ' 题。交卷后不能再修改，确定交卷吗？'
      : '全部题目均已作答。交卷后不能再修改，确定交卷吗？';
    if (dialog.showModal) dialog.showModal();
    else if (window.confirm(document.getElementById('confirm-text').textContent)) submit('candidate');
  });
  document.getElementById('confirm-cancel').addEventListener('click', function () {
    dialog.close();
  });
  document.getElementById('confirm-ok').addEventListener('click', function () {
    dialog.close();
    submit('candidate');
  });

  // Answers still queued from before a reload (offline) win over what the server had.
  Object.keys(queue).forEach(function (qid) {
    if (!fieldset(qid)) {
      delete queue[qid];
      return;
    }
    writeResponse(qid, queue[qid].response);
    answered[qid] = queue[qid].response !== null;
  });
  renderState();
  tick();
  flush();
})();
