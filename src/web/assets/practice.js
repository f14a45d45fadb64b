/* Practice: questions with immediate feedback; misses go to the wrong-answer notebook. */
(function () {
  'use strict';
  var setup = document.getElementById('practice-setup');
  var box = document.getElementById('practice');
  if (!setup) return;
  var TYPES = { single: '单选题', multiple: '多选题', 'true-false': '判断题', 'fill-blank': '填空题' };
  function show(v) {
    if (v === null || v === undefined) return '未作答';
    if (v === true) return '正确';
    if (v === false) return '错误';
    if (Array.isArray(v))
      return v
        .map(function (x) {
          return Array.isArray(x) ? x.join(' / ') : x;
        })
        .join('；');
    return String(v);
  }
  function render(q, n) {
    var name = 'p' + q.id;
    var inputs;
    if (q.type === 'fill-blank') {
      var count = q.blanks || 1;
      inputs = [];
      for (var i = 0; i < count; i++)
        inputs.push(
          xf.el('label', { class: 'blank' }, [
            '第 ' + (i + 1) + ' 空 ',
            xf.el('input', { type: 'text', name: name }),
          ]),
        );
    } else {
      var opts =
        q.type === 'true-false'
          ? [
              { key: 'true', text: '正确' },
              { key: 'false', text: '错误' },
            ]
          : q.options;
      inputs = opts.map(function (o) {
        return xf.el('label', { class: 'option' }, [
          xf.el('input', { type: q.type === 'multiple' ? 'checkbox' : 'radio', name: name, value: o.key }),
          ' ' + (q.type === 'true-false' ? '' : o.key + '. ') + o.text,
        ]);
      });
    }
    var feedback = xf.el('p', { class: 'feedback', 'aria-live': 'polite' });
    var btn = xf.el('button', { type: 'submit', text: '提交答案' });
    var form = xf.el('form', { class: 'question' }, [
      xf.el('p', { class: 'stem' }, [
        xf.el('span', { class: 'tag', text: TYPES[q.type] }),
        ' ' + n + '. ' + q.stem,
      ]),
      xf.el('div', { class: 'options' }, inputs),
      btn,
      feedback,
    ]);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var els = Array.prototype.slice.call(form.querySelectorAll('input'));
      var response;
      if (q.type === 'fill-blank')
        response = els.map(function (e) {
          return e.value.trim();
        });
      else {
        var chosen = els
          .filter(function (e) {
            return e.checked;
          })
          .map(function (e) {
            return e.value;
          });
        response =
          q.type === 'multiple' ? chosen : q.type === 'true-false' ? chosen[0] === 'true' : chosen[0] || null;
        if (!chosen.length) response = null;
      }
      btn.disabled = true;
      xf.api('POST', '/api/practice/answer', {
        questionId: q.id,
        revisionId: q.revisionId,
        response: response,
      }).then(function (r) {
        var b = r.body || {};
        if (r.status !== 200) {
          btn.disabled = false;
          feedback.textContent = b.message || '提交失败';
          return;
        }
        feedback.className = 'feedback ' + (b.correct ? 'ok' : 'bad');
        feedback.textContent =
          (b.correct ? '回答正确。' : '回答错误，正确答案：' + show(b.answer) + '。') +
          (b.explanation ? ' 解析：' + b.explanation : '');
      });
    });
    return form;
  }
  setup.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var fd = new FormData(setup);
    var body = { count: Number(fd.get('count')) || 10 };
    if (fd.get('curriculum')) body.curriculum = fd.get('curriculum');
    if (fd.get('notebook')) body.notebook = true;
    box.textContent = '正在出题…';
    xf.api('POST', '/api/practice/questions', body).then(function (r) {
      box.textContent = '';
      var qs = (r.body && r.body.questions) || [];
      if (r.status !== 200 || !qs.length) {
        box.appendChild(
          xf.el('p', { class: 'muted', text: (r.body && r.body.message) || '没有可练习的题目。' }),
        );
        return;
      }
      qs.forEach(function (q, i) {
        box.appendChild(render(q, i + 1));
      });
    });
  });
})();
