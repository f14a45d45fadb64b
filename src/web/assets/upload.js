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
    /* A question bank's dry run: each question as it will be stored, its warnings beside it, 500 at a time. */
    var TYPE = {
      single: '单选题',
      multiple: '多选题',
      'true-false': '判断题',
      'fill-blank': '填空题',
      'short-answer': '简答题',
      case: '案例分析题',
    };
    var OUTCOME = {
      new: ['新题', ''],
      update: ['更新（同编号）', ''],
      duplicate: ['重复，不会导入', 'warn'],
      invalid: ['有错误，不会导入', 'warn'],
    };
    function answerText(q) {
      if (q.type === 'true-false') return q.answer ? '正确' : '错误';
      if (q.type === 'fill-blank')
        return (q.accepted || [q.answer])
          .map(function (alts) {
            return [].concat(alts).join(' / ');
          })
          .join('；');
      return [].concat(q.answer).join('');
    }
    /* A written key: the reference answer and each rubric point with its points, citation and keywords. */
    function rubricBlock(key) {
      return [
        xf.el('p', { class: 'reference', text: '参考答案：' + (key.reference || '（无）') }),
        key.rubric && key.rubric.length
          ? xf.el(
              'ol',
              { class: 'preview-rubric', 'aria-label': '评分要点' },
              key.rubric.map(function (r) {
                return xf.el('li', {
                  text:
                    r.point +
                    '（' +
                    r.points +
                    '分）' +
                    (r.citation ? ' 依据：' + r.citation.text : '') +
                    (r.keywords && r.keywords.length ? ' 关键词：' + r.keywords.join('、') : ''),
                });
              }),
            )
          : xf.el('p', { class: 'warn', text: '评分要点：（无，补充前不能审核通过）' }),
      ];
    }
    function subItem(sub, i) {
      var written = sub.type === 'short-answer';
      return xf.el(
        'li',
        { class: 'preview-sub' },
        [
          xf.el('p', {
            class: 'stem',
            text: '（' + (i + 1) + '）' + (TYPE[sub.type] || sub.type) + ' ' + sub.points + '分：' + sub.stem,
          }),
          (sub.options || []).length
            ? xf.el(
                'ol',
                { class: 'preview-options' },
                sub.options.map(function (o) {
                  return xf.el('li', { text: o.key + '. ' + o.text });
                }),
              )
            : null,
        ].concat(written ? rubricBlock(sub.answer) : [xf.el('p', { text: '答案：' + answerText(sub) })]),
      );
    }
    function previewItem(q) {
      var where =
        q.line != null ? '第 ' + q.line + ' 行' : (q.sheet ? q.sheet + ' ' : '') + '第 ' + q.row + ' 行';
      var outcome = OUTCOME[q.outcome] || [q.outcome, ''];
      var keys = [].concat(q.answer);
      var options = (q.options || []).map(function (o) {
        var right = q.type !== 'true-false' && keys.indexOf(o.key) >= 0;
        return xf.el('li', { class: right ? 'key' : '' }, [
          o.key + '. ' + o.text + (right ? '（答案）' : ''),
        ]);
      });
      return xf.el(
        'li',
        { class: 'preview-item' },
        [
          xf.el('p', { class: 'muted' }, [
            where +
              ' · ' +
              (TYPE[q.type] || q.type) +
              ' · ' +
              (q.status === 'approved' ? '已审核' : '草稿') +
              ' ',
            xf.el('span', { class: 'tag ' + outcome[1], text: outcome[0] }),
          ]),
          xf.el('p', { class: 'stem', text: q.stem }),
          options.length ? xf.el('ol', { class: 'preview-options' }, options) : null,
        ]
          .concat(
            q.type === 'short-answer'
              ? rubricBlock(q.answer).concat([
                  xf.el('p', { class: 'muted', text: '满分：' + q.points + '分' }),
                ])
              : q.type === 'case'
                ? [
                    xf.el(
                      'ol',
                      { class: 'preview-subs', 'aria-label': '小题' },
                      q.answer.questions.map(subItem),
                    ),
                    xf.el('p', { class: 'muted', text: '满分：' + q.points + '分' }),
                  ]
                : [xf.el('p', { text: '答案：' + answerText(q) })],
          )
          .concat([
            q.explanation ? xf.el('p', { class: 'muted', text: '解析：' + q.explanation }) : null,
            xf.el('p', { class: 'muted', text: '法规：' + (q.citation ? q.citation.text : '未引用法规') }),
            (q.warnings || []).length
              ? xf.el(
                  'ul',
                  { class: 'preview-warnings' },
                  q.warnings.map(function (w) {
                    return xf.el('li', { text: '提示：' + w.message });
                  }),
                )
              : null,
          ]),
      );
    }
    function previewList(b) {
      var list = xf.el('ol', { class: 'preview' }, []);
      var box = xf.el('section', { class: 'preview-box', 'aria-label': '导入预览' }, [
        xf.el('h3', { text: '导入预览：题目将按下面的样子保存' }),
        list,
      ]);
      var more = xf.el('button', { type: 'button' }, []);
      var shown = 0;
      function add(page) {
        (page.preview || []).forEach(function (q) {
          list.appendChild(previewItem(q));
        });
        shown = (page.previewFrom || 1) - 1 + (page.preview || []).length;
        var total = page.previewTotal != null ? page.previewTotal : shown;
        more.textContent = '显示更多（已显示 ' + shown + ' / ' + total + ' 道）';
        if (shown >= total && more.parentNode) more.parentNode.removeChild(more);
      }
      more.addEventListener('click', function () {
        more.disabled = true;
        var url = endpoint + '?dryRun=true&mode=all&previewFrom=' + (shown + 1);
        xf.api('POST', url, body(true)).then(
          function (r) {
            more.disabled = false;
            if (r.status < 400 && r.body) add(r.body);
            else more.textContent = (r.body && r.body.message) || '加载失败，请重试';
          },
          function () {
            more.disabled = false;
            more.textContent = '网络异常，请重试';
          },
        );
      });
      box.appendChild(more);
      add(b);
      return box;
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
      // A long file: ask the server how far it got (waiting, reading, checking n / N, writing) until it answers.
      var progressId = 'up' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
      url += (url.indexOf('?') >= 0 ? '&' : '?') + 'progressId=' + progressId;
      var answered = false;
      var poll = setInterval(function () {
        xf.api('GET', '/api/imports/progress/' + progressId).then(function (p) {
          if (!answered && p.status === 200 && p.body && p.body.label)
            out.textContent = (dry ? '正在检查…' : '正在导入…') + p.body.label;
        });
      }, 1000);
      xf.api('POST', url, body(dry)).then(
        function (r) {
          answered = true;
          clearInterval(poll);
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
          if (dry && b.preview) out.appendChild(previewList(b));
          if (!dry) refreshStale();
          confirmBtn.disabled = !dry;
          if (dry) confirmBtn.focus();
        },
        function () {
          answered = true;
          clearInterval(poll);
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
