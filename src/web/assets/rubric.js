/*
 * 学法考试平台: the rubric rows of the written-question editor (src/web/banks/written-form.ts). 增加一条评分要点 adds
 * a blank row in place (numbered after the last, so the server reads it like the blank rows the page brings), and a
 * ticked 删除此要点 greys its row. Without script the page still works: blank rows to add, 删除 and 顺序 as typed.
 */
(function () {
  'use strict';
  document.querySelectorAll('.rubric[data-prefix]').forEach(function (box) {
    var prefix = box.getAttribute('data-prefix');
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = '增加一条评分要点';
    box.insertAdjacentElement('afterend', button);
    button.addEventListener('click', function () {
      var rows = box.querySelectorAll('.rubric-row');
      var last = rows[rows.length - 1];
      if (!last) return;
      var from = last.getAttribute('data-row');
      var to = 0;
      rows.forEach(function (r) {
        to = Math.max(to, Number(r.getAttribute('data-row')) + 1);
      });
      var row = last.cloneNode(true);
      row.setAttribute('data-row', String(to));
      var renumber = function (v) {
        return v
          .split(prefix + 'r' + from + '_')
          .join(prefix + 'r' + to + '_')
          .split('e-' + prefix + 'r' + from + '-')
          .join('e-' + prefix + 'r' + to + '-');
      };
      row.querySelectorAll('[name],[id],[for]').forEach(function (el) {
        ['name', 'id', 'for'].forEach(function (a) {
          if (el.hasAttribute(a)) el.setAttribute(a, renumber(el.getAttribute(a)));
        });
        if (el.tagName === 'SELECT') el.selectedIndex = 0;
        else if (el.type === 'checkbox') el.checked = false;
        else if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') el.value = '';
      });
      var order = row.querySelector('[name="' + prefix + 'r' + to + '_order"]');
      if (order) order.value = String(to + 1);
      var legend = row.querySelector('legend');
      if (legend) legend.textContent = '新增评分要点';
      row.classList.remove('removed');
      box.appendChild(row);
      var first = row.querySelector('textarea');
      if (first) first.focus();
    });
  });
  document.addEventListener('change', function (ev) {
    var box = ev.target;
    if (!box || box.type !== 'checkbox' || !/r\d+_del$/.test(box.name || '')) return;
    var row = box.closest('.rubric-row');
    if (row) row.classList.toggle('removed', box.checked);
  });
})();
