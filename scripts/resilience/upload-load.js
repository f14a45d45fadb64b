/**
 * Four largest-allowed uploads at once — two question-bank .xlsx of 10,000 questions (the most one upload may
 * hold) and two roster .xlsx as large as IMPORT_MAX_CELLS allows, built here with exceljs — while /api/health is
 * polled and candidates save answers. The uploads are parsed in the server's worker thread, so: p99 of health
 * and of saves under 200 ms, the server process (workers included) under 1 GB RSS, every upload answered, no 5xx.
 */
const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');
const lib = require('./lib');
const { Candidate } = require('./driver');

const MAX_CELLS = 200_000; // the server's default IMPORT_MAX_CELLS
const P99_LIMIT_MS = 200;
const RSS_LIMIT_MB = 1024;
const QUESTION_HEADERS = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F'];
QUESTION_HEADERS.push('答案', '解析', '难度', '法规', '条款', '标签', '状态', '编号');
const ROSTER_HEADERS = [
  '姓名',
  '工号',
  '单位',
  '岗位',
  '是否公务员',
  '是否执法岗位',
  '业务条线',
  '角色',
  '是否领导',
];

async function questionsXlsx(tag, n) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题目');
  ws.addRow(QUESTION_HEADERS);
  for (let i = 0; i < n; i++)
    ws.addRow([
      '单选',
      `${tag}上传负载第${i + 1}题：退役军人保障法自何时起施行？（${i}）`,
      `${2020 + (i % 5)}年1月1日`,
      `选项乙${i}`,
      `选项丙${i}`,
      `选项丁${i}`,
      `选项戊${i}`,
      `选项己${i}`,
      'A',
      `《退役军人保障法》第八十五条。解析${i}`,
      2,
      '退役军人保障法',
      '第八十五条',
      '负载',
      '草稿',
      `${tag}-${i}`,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rosterXlsx(tag, n) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(ROSTER_HEADERS);
  for (let i = 0; i < n; i++)
    ws.addRow([
      `人员${tag}${i}`,
      `${tag}${String(i).padStart(6, '0')}`,
      '优抚褒扬科',
      '科员',
      '否',
      '否',
      '优抚褒扬',
      '学员',
      '否',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function rssSampler(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] || 0);
      peak = Math.max(peak, kb);
    } catch {
      /* gone */
    }
  }, 50);
  return { stop: () => (clearInterval(timer), Math.round(peak / 1024)) };
}

const p99 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] : NaN;
};

module.exports = async function uploadLoad({ dir, check, note }) {
  if (!fs.existsSync(`/proc/${process.pid}/status`)) {
    check('RSS can be measured (/proc)', false, 'no /proc on this system: the RSS target cannot be checked');
    return;
  }
  const questionRows = 10_000;
  const rosterRows = Math.floor(MAX_CELLS / ROSTER_HEADERS.length) - 1;
  const files = [
    { kind: 'questions', name: '上传负载题库A.xlsx', data: await questionsXlsx('甲', questionRows) },
    { kind: 'questions', name: '上传负载题库B.xlsx', data: await questionsXlsx('乙', questionRows) },
    { kind: 'roster', name: '上传负载花名册A.xlsx', data: await rosterXlsx('UA', rosterRows) },
    { kind: 'roster', name: '上传负载花名册B.xlsx', data: await rosterXlsx('UB', rosterRows) },
  ];
  note(
    `uploads: ${files.map((f) => `${f.name} ${(f.data.length / 1e6).toFixed(1)} MB`).join(', ')}; ` +
      `question files ${questionRows + 1} × ${QUESTION_HEADERS.length}, rosters ${rosterRows + 1} × ${ROSTER_HEADERS.length} cells`,
  );

  const logFile = path.join(dir, 'server.log');
  const server = await lib.startServer({ env: { DATABASE_PATH: path.join(dir, 'uploads.sqlite') }, logFile });
  const rss = rssSampler(server.pid);
  const quiet = { health: [], saves: [] };
  const loaded = { health: [], saves: [] };
  const statuses = new Map();
  const tally = (s) => statuses.set(s, (statuses.get(s) || 0) + 1);
  const uploads = [];
  try {
    const trainer = await lib.login(server.url, 'trainer');
    const admin = await lib.login(server.url, 'admin', lib.ADMIN_PASSWORD);
    const banks = await lib.api(server.url, 'GET', '/api/question-banks', { token: trainer });
    const bankId = banks.json?.[0]?.id ?? 1;
    const examId = await lib.createExam(server.url, trainer, {
      title: '上传负载',
      rules: [{ type: 'true-false', count: 10, points: 10 }],
    });
    const candidates = Array.from(
      { length: 10 },
      (_, i) => new Candidate(`S${String(i + 1).padStart(4, '0')}`),
    );
    for (const c of candidates) {
      await c.login(server.url);
      await c.start(server.url, examId);
    }
    let done = false;
    let phase = quiet;
    const timed = async (key, fn) => {
      const t0 = process.hrtime.bigint();
      const st = await fn();
      phase[key].push(Number(process.hrtime.bigint() - t0) / 1e6);
      tally(st);
    };
    const loops = [
      (async () => {
        while (!done) {
          await timed('health', async () => (await lib.api(server.url, 'GET', '/api/health')).status);
          await lib.sleep(50);
        }
      })(),
      ...candidates.map(async (c) => {
        const acked = new Map();
        while (!done) {
          await timed('saves', () => c.saveOne(server.url, acked));
          await lib.sleep(200);
        }
      }),
    ];
    await lib.sleep(10_000); // the same load without uploads first, for comparison
    phase = loaded;
    await Promise.all(
      files.map(async (f) => {
        const form = new FormData();
        form.append('file', new Blob([f.data]), f.name);
        const route =
          f.kind === 'questions'
            ? `/api/question-banks/import?dryRun=true&bankId=${bankId}`
            : '/api/roster/import';
        const t0 = Date.now();
        const r = await lib.api(server.url, 'POST', route, {
          token: f.kind === 'questions' ? trainer : admin,
          form,
          timeoutMs: 600_000,
        });
        uploads.push({
          name: f.name,
          status: r.status,
          seconds: (Date.now() - t0) / 1000,
          message: r.json?.message,
        });
        tally(r.status);
      }),
    );
    done = true;
    await Promise.all(loops);
  } finally {
    await server.stop();
  }
  const peak = rss.stop();
  const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
  check(
    'four largest-allowed uploads answered',
    uploads.length === 4 && uploads.every((u) => u.status === 200 || u.status === 201),
    uploads
      .map((u) => `${u.name} ${u.status} in ${u.seconds.toFixed(1)} s${u.message ? ` (${u.message})` : ''}`)
      .join('; '),
  );
  check('zero 5xx', fiveXx === 0, `statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  const stats = (xs) =>
    `p99 ${p99(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms over ${xs.length}`;
  for (const [key, what] of [
    ['health', '/api/health'],
    ['saves', 'answer saves'],
  ])
    check(
      `${what} p99 under ${P99_LIMIT_MS} ms while they were processed`,
      loaded[key].length > 20 && p99(loaded[key]) < P99_LIMIT_MS,
      `${stats(loaded[key])} (without uploads: ${stats(quiet[key])})`,
    );
  check(`server RSS under ${RSS_LIMIT_MB} MB`, peak > 0 && peak < RSS_LIMIT_MB, `peak ${peak} MB`);
};
