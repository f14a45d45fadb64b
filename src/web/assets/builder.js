/*
 * 学法考试平台: the exam builder and the checkbox lists. The running total of points (the same rules as
 * src/exams/exam-totals.ts), 增加一个部分 without leaving the page (the form keeps what was typed), and the search
 * box of a long checkbox list. Without script the page still works: every part is saved as typed.
 */
(function () {
  'use strict';
  function num(el) {
    var v = el && el.value !== '' ? Number(el.value) : NaN;
    return isFinite(v) ? v : NaN;
  }
  var round = function (v) {
    return Math.round(v * 100) / 100;
  };

  /* ---------- checkbox lists: search and the count of ticked entries ---------- */
  function updateCount(list) {
    var out = document.querySelector('[data-count="' + list.id + '"]');
    if (out) out.textContent = '已选 ' + list.querySelectorAll('input[type=checkbox]:checked').length + ' 项';
  }
  document.addEventListener('input', function (ev) {
    var box = ev.target;
    if (!box || !box.getAttribute || !box.getAttribute('data-filter')) return;
    var list = document.getElementById(box.getAttribute('data-filter'));
    if (!list) return;
    var q = box.value.trim().toLowerCase();
    list.querySelectorAll('label[data-text]').forEach(function (l) {
      var match = !q || l.getAttribute('data-text').toLowerCase().indexOf(q) >= 0;
      l.hidden = !match;
    });
  });
  document.addEventListener('change', function (ev) {
    var list = ev.target && ev.target.closest ? ev.target.closest('.check-list') : null;
    if (list) updateCount(list);
  });

  /* ---------- the exam builder ---------- */
  var form = document.getElementById('exam-form');
  if (!form) return;
  var totalEl = document.getElementById('exam-total');
  var warnEl = document.getElementById('exam-total-warnings');

  function visibleParts() {
    return Array.prototype.filter.call(form.querySelectorAll('fieldset[data-part]'), function (f) {
      return !f.hidden;
    });
  }

  function recompute() {
    var parts = [];
    visibleParts().forEach(function (f) {
      var n = f.getAttribute('data-part');
      var title = (f.querySelector('[data-part-title]') || {}).value || '';
      var counts = f.querySelectorAll('[data-count="' + n + '"]');
      var points = f.querySelectorAll('[data-points="' + n + '"]');
      var sum = 0;
      for (var i = 0; i < counts.length; i++) {
        var c = num(counts[i]);
        var p = num(points[i]);
        if (isFinite(c) && isFinite(p)) sum += c * p;
      }
      sum = round(sum);
      var out = f.querySelector('[data-part-total]');
      if (out) out.textContent = String(sum);
      // A part without a name is not used (as on the server).
      if (title.trim() || n === '1')
        parts.push({ n: n, title: title.trim(), total: sum, pass: num(f.querySelector('[data-part-pass]')) });
    });
    var total = round(
      parts.reduce(function (s, p) {
        return s + p.total;
      }, 0),
    );
    var pass = num(document.getElementById('x-pass'));
    var warnings = [];
    if (total === 0) warnings.push('还没有设置题目：满分为 0 分');
    else {
      if (total !== 100)
        warnings.push(
          '满分为 ' +
            total +
            ' 分，不是 100 分' +
            (isFinite(pass)
              ? '；及格分 ' +
                pass +
                ' 分按满分 ' +
                total +
                ' 分计算，占 ' +
                Math.round((pass / total) * 1000) / 10 +
                '%'
              : ''),
        );
      if (isFinite(pass) && pass > total)
        warnings.push('及格分 ' + pass + ' 分高于满分 ' + total + ' 分，没有人能及格');
    }
    parts.forEach(function (p, i) {
      if (isFinite(p.pass) && p.pass > p.total)
        warnings.push(
          '第 ' +
            (i + 1) +
            ' 部分' +
            (p.title ? '“' + p.title + '”' : '') +
            '的及格分 ' +
            p.pass +
            ' 分高于本部分满分 ' +
            p.total +
            ' 分',
        );
    });
    if (totalEl) totalEl.textContent = String(total);
    if (warnEl) {
      warnEl.textContent = '';
      warnings.forEach(function (w) {
        var li = document.createElement('li');
        li.textContent = w;
        warnEl.appendChild(li);
      });
    }
  }

  form.addEventListener('input', recompute);
  form.addEventListener('change', recompute);

  var add = form.querySelector('[data-add-part]');
  if (add)
    add.addEventListener('click', function () {
      var next = form.querySelector('fieldset[data-part][hidden]');
      if (!next) return;
      next.hidden = false;
      if (!form.querySelector('fieldset[data-part][hidden]')) add.disabled = true;
      var title = next.querySelector('[data-part-title]');
      if (title) title.focus();
      recompute();
    });
  recompute();
})();
