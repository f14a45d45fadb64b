/*
 * Practice: one question at a time, feedback after each answer (right or wrong, the key, the explanation and its
 * article), then a closing summary (right, wrong, time). Misses go to the wrong-answer notebook. A notebook item
 * opens here as a one-question practice (data-question on the setup form): the server hands it out, the person
 * answers (or gives up), then sees the key — never the key of a question the server did not hand out.
 */
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
  function clock(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    var m = Math.floor(s / 60);
    return (m ? m + ' 分 ' : '') + (s % 60) + ' 秒';
  }
  function citation(c) {
    if (!c) return '';
    var title = c.regulationTitle || c.regulation || '';
    var article = c.articleLabel || (c.article ? '第' + c.article + '条' : '');
    return title || article ? '依据：' + (title ? '《' + title + '》' : '') + article : '';
  }

  var run = null; // { questions, index, right, wrong, missed, started }

  function responseOf(q, form) {
    var els = Array.prototype.slice.call(form.querySelectorAll('input'));
    if (q.type === 'fill-blank')
      return els.map(function (e) {
        return e.value.trim();
      });
    var chosen = els
      .filter(function (e) {
        return e.checked;
      })
      .map(function (e) {
        return e.value;
      });
    if (!chosen.length) return null;
    return q.type === 'multiple' ? chosen : q.type === 'true-false' ? chosen[0] === 'true' : chosen[0];
  }

  function question(q) {
    var n = run.index + 1;
    var name = 'p' + q.id;
    var inputs;
    if (q.type === 'fill-blank') {
      inputs = [];
      for (var i = 0; i < (q.blanks || 1); i++)
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
    var feedback = xf.el('div', { class: 'feedback', id: 'practice-feedback', 'aria-live': 'polite' });
    var submit = xf.el('button', { type: 'submit', class: 'primary', text: '提交答案' });
    var giveUp = xf.el('button', { type: 'button', text: '不会，看答案' });
    var actions = xf.el('div', { class: 'actions' }, [submit, giveUp]);
    var form = xf.el('form', { class: 'question', id: 'practice-question', 'data-q': String(q.id) }, [
      xf.el('p', {
        class: 'muted',
        id: 'practice-progress',
        text: '第 ' + n + ' / ' + run.questions.length + ' 题',
      }),
      xf.el('p', { class: 'stem' }, [xf.el('span', { class: 'tag', text: TYPES[q.type] }), ' ' + q.stem]),
      xf.el('div', { class: 'options' }, inputs),
      actions,
      feedback,
    ]);
    function send(response) {
      submit.disabled = true;
      giveUp.disabled = true;
      xf.api('POST', '/api/practice/answer', {
        questionId: q.id,
        revisionId: q.revisionId,
        practiceItemId: q.practiceItemId,
        response: response,
      }).then(function (r) {
        var b = r.body || {};
        if (r.status !== 200) {
          submit.disabled = false;
          giveUp.disabled = false;
          feedback.className = 'feedback';
          feedback.textContent = b.message || '提交失败，请重试';
          return;
        }
        if (b.correct) run.right++;
        else {
          run.wrong++;
          run.missed.push(q.stem);
        }
        Array.prototype.forEach.call(form.querySelectorAll('input'), function (e) {
          e.disabled = true;
        });
        actions.remove();
        feedback.className = 'feedback ' + (b.correct ? 'ok' : 'bad');
        feedback.textContent = '';
        feedback.appendChild(
          xf.el('p', {
            class: 'verdict-line',
            text: b.correct ? '回答正确。' : '回答错误。正确答案：' + show(b.answer) + '。',
          }),
        );
        if (b.explanation)
          feedback.appendChild(xf.el('p', { class: 'explanation', text: '解析：' + b.explanation }));
        var cite = citation(b.citation);
        if (cite) feedback.appendChild(xf.el('p', { class: 'muted', text: cite }));
        var last = run.index + 1 >= run.questions.length;
        var next = xf.el('button', {
          type: 'button',
          class: 'primary',
          id: 'practice-next',
          text: last ? '查看小结' : '下一题',
        });
        next.addEventListener('click', function () {
          run.index++;
          if (last) summary();
          else step();
        });
        feedback.appendChild(xf.el('div', { class: 'actions' }, [next]));
        next.focus();
      });
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      send(responseOf(q, form));
    });
    giveUp.addEventListener('click', function () {
      send(null);
    });
    return form;
  }

  function step() {
    box.textContent = '';
    var form = question(run.questions[run.index]);
    box.appendChild(form);
    var first = form.querySelector('input');
    if (first) first.focus();
  }

  function summary() {
    box.textContent = '';
    var total = run.right + run.wrong;
    var list = run.missed.length
      ? xf.el(
          'ol',
          { class: 'review' },
          run.missed.map(function (s) {
            return xf.el('li', { class: 'wrong', text: s });
          }),
        )
      : null;
    box.appendChild(
      xf.el('section', { class: 'result', id: 'practice-summary', 'aria-labelledby': 'ps-h' }, [
        xf.el('h2', { id: 'ps-h', text: '本次练习小结' }),
        xf.el('p', {
          id: 'practice-score',
          text:
            '共 ' +
            total +
            ' 题：答对 ' +
            run.right +
            ' 题，答错 ' +
            run.wrong +
            ' 题，用时 ' +
            clock(Date.now() - run.started) +
            '。',
        }),
        run.wrong ? xf.el('p', { class: 'muted', text: '答错的题已记入错题本：' }) : null,
        list,
        xf.el('p', {}, [
          xf.el('a', {
            class: 'button primary',
            href: location.pathname + location.search,
            text: '再练一组',
          }),
          ' ',
          xf.el('a', { class: 'button', href: '/app/notebook', text: '查看错题本' }),
        ]),
      ]),
    );
    box.querySelector('h2').focus && box.querySelector('h2').setAttribute('tabindex', '-1');
    box.querySelector('h2').focus();
  }

  function start(body) {
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
      run = { questions: qs, index: 0, right: 0, wrong: 0, missed: [], started: Date.now() };
      setup.hidden = true;
      step();
    });
  }

  setup.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var fd = new FormData(setup);
    var body = { count: Number(fd.get('count')) || 10 };
    if (fd.get('curriculum')) body.curriculum = fd.get('curriculum');
    if (fd.get('notebook')) body.notebook = true;
    start(body);
  });
  var one = setup.getAttribute('data-question');
  if (one) start({ notebook: true, questionId: Number(one), count: 1 });
})();
