/* Upload with a dry run first: the errors are shown as a table (line/row, field, message); confirm imports. */
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('form.upload'), function (form) {
    var endpoint = form.getAttribute('data-endpoint');
    var out = form.querySelector('.upload-result');
    var confirmBtn = form.querySelector('[data-action="confirm"]');
    var checkBtn = form.querySelector('[data-action="check"]');
    var fileInput = form.querySelector('input[type="file"]');
    fileInput.addEventListener('change', function () {
      confirmBtn.disabled = true;
      out.textContent = '';
    });
    var dryRunField = form.getAttribute('data-dryrun') === 'field';
    function body(dry) {
      var fd = new FormData();
      Array.prototype.forEach.call(form.querySelectorAll('select, input:not([type="file"])'), function (i) {
        if (i.type === 'checkbox' && !i.checked) return;
        if (i.name && i.value) fd.append(i.name, i.value);
      });
      // Text fields go before the file: the server reads the form in order.
      if (dryRunField) fd.append('dryRun', dry ? 'true' : 'false');
      fd.append('file', fileInput.files[0]);
      return fd;
    }
    /* A law version: what changes against the previous version, and which questions will be flagged. */
    function diffView(b, dry) {
      var d = b.diff || {};
      var list = function (nums) {
        return (nums || []).map(function (n) {
          return '第' + n + '条';
        });
      };
      var items = [
        '新版本“' +
          b.version.label +
          '”共 ' +
          b.version.articleCount +
          ' 条' +
          (b.previousVersion ? '，与“' + b.previousVersion + '”相比：' : '（首个收录条文的版本）'),
        '未变 ' + (d.unchanged || 0) + ' 条',
        '修改 ' +
          (d.changed || []).length +
          ' 条' +
          ((d.changed || []).length
            ? '：' +
              (d.changed || [])
                .map(function (c) {
                  return c.label;
                })
                .join('、')
            : ''),
        '新增 ' +
          (d.added || []).length +
          ' 条' +
          ((d.added || []).length ? '：' + list(d.added).join('、') : ''),
        '删除 ' +
          (d.removed || []).length +
          ' 条' +
          ((d.removed || []).length ? '：' + list(d.removed).join('、') : ''),
      ];
      var reviews = (b.reviews || []).map(function (r) {
        return xf.el('li', { text: (r.article ? '第' + r.article + '条：' : '') + (r.reason || '') });
      });
      var box = xf.el('div', { class: 'diff' }, [
        xf.el('p', {
          class: 'flash ok',
          role: 'status',
          text: dry ? '预览（尚未保存）：' : '新版本已保存，' + (b.flagged || 0) + ' 道题已标记待复核。',
        }),
        xf.el(
          'ul',
          { class: 'diff-list' },
          items.map(function (t) {
            return xf.el('li', { text: t });
          }),
        ),
      ]);
      if (reviews.length) {
        box.appendChild(xf.el('p', { text: dry ? '保存后将标记待复核的题目引用：' : '复核原因：' }));
        box.appendChild(xf.el('ul', { class: 'diff-list' }, reviews));
      }
      return box;
    }
    function errorTable(errors) {
      var rows = errors.map(function (e) {
        var where = e.line != null ? '第 ' + e.line + ' 行' : e.row != null ? '第 ' + e.row + ' 行' : '';
        return xf.el('tr', {}, [
          xf.el('td', { text: where + (e.column ? '（' + e.column + ' 列）' : '') }),
          xf.el('td', { text: e.field || '' }),
          xf.el('td', { text: e.message || '' }),
        ]);
      });
      return xf.el('div', { class: 'table-wrap' }, [
        xf.el('table', { class: 'table errors' }, [
          xf.el('caption', { text: '发现 ' + errors.length + ' 处错误，请修改文件后重新检查' }),
          xf.el('thead', {}, [
            xf.el('tr', {}, [
              xf.el('th', { scope: 'col', text: '位置' }),
              xf.el('th', { scope: 'col', text: '字段' }),
              xf.el('th', { scope: 'col', text: '说明' }),
            ]),
          ]),
          xf.el('tbody', {}, rows),
        ]),
      ]);
    }
    function summary(b, dry) {
      var parts = [];
      if (b.questions != null) parts.push('共 ' + b.questions + ' 题');
      if (b.rows != null) parts.push('共 ' + b.rows + ' 行');
      if (b.imported) parts.push('导入 ' + b.imported + ' 题');
      if (b.created != null) parts.push('新建 ' + b.created + ' 人');
      if (b.updated != null) parts.push('更新 ' + b.updated + ' 人');
      if (b.unchanged != null) parts.push('未变 ' + b.unchanged + ' 人');
      if (b.duplicates) parts.push('重复 ' + b.duplicates + ' 题（不会重复导入）');
      var text = (dry ? '检查通过：' : '导入完成：') + parts.join('，');
      if (b.initialPassword) text += '。新账号初始密码：' + b.initialPassword + '（只显示这一次）';
      return text;
    }
    /* After an import, the parts of the page marked data-refresh-after-import (the bank counts) are fetched anew. */
    function refreshStale() {
      var stale = document.querySelectorAll('[data-refresh-after-import][id]');
      if (!stale.length || !window.DOMParser) return;
      fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (res) {
          return res.ok ? res.text() : '';
        })
        .then(function (text) {
          if (!text) return;
          var doc = new DOMParser().parseFromString(text, 'text/html');
          stale.forEach(function (el) {
            var fresh = doc.getElementById(el.id);
            if (fresh) el.replaceWith(document.importNode(fresh, true));
          });
        })
        .catch(function () {});
    }
    function run(dry) {
      if (!fileInput.files.length) {
        out.textContent = '请先选择文件';
        fileInput.focus();
        return;
      }
      out.textContent = dry ? '正在检查…' : '正在导入…';
      checkBtn.disabled = true;
      confirmBtn.disabled = true;
      var url = dryRunField ? endpoint : endpoint + '?dryRun=' + (dry ? 'true' : 'false') + '&mode=all';
      xf.api('POST', url, body(dry)).then(
        function (r) {
          checkBtn.disabled = false;
          out.textContent = '';
          var b = r.body || {};
          var errors = b.details || b.errors || [];
          if (r.status >= 400 || errors.length) {
            out.appendChild(
              xf.el('p', { class: 'flash error', role: 'alert', text: b.message || '文件有误' }),
            );
            if (errors.length) out.appendChild(errorTable(errors));
            return;
          }
          if (b.diff && b.version) out.appendChild(diffView(b, dry));
          else out.appendChild(xf.el('p', { class: 'flash ok', role: 'status', text: summary(b, dry) }));
          (b.warnings || []).slice(0, 20).forEach(function (w) {
            // A spreadsheet names its row (and sheet), a text file its line.
            var where =
              w.row != null
                ? (w.sheet ? '工作表“' + w.sheet + '”' : '') + '第 ' + w.row + ' 行 '
                : w.line
                  ? '第 ' + w.line + ' 行 '
                  : '';
            out.appendChild(xf.el('p', { class: 'muted', text: '提示：' + where + w.message }));
          });
          if (!dry) refreshStale();
          confirmBtn.disabled = !dry;
          if (dry) confirmBtn.focus();
        },
        function () {
          checkBtn.disabled = false;
          out.textContent = '网络异常，请稍后重试';
        },
      );
    }
    checkBtn.addEventListener('click', function () {
      run(true);
    });
    confirmBtn.addEventListener('click', function () {
      run(false);
    });
  });
})();
