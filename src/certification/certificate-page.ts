/** Printable certificate and public verification pages (Chinese, print-ready A4 landscape). Pure HTML strings. */

import { escapeHtml } from '../common/html';

function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const STYLE = `
  @page { size: A4 landscape; margin: 12mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #222; background: #f4f1ea; }
  .sheet { width: 273mm; min-height: 186mm; margin: 10mm auto; padding: 14mm 18mm; background: #fff;
           border: 3mm double #a61b1b; position: relative; }
  h1 { text-align: center; font-size: 30pt; letter-spacing: 0.3em; color: #a61b1b; margin: 4mm 0 10mm; }
  .lead { font-size: 15pt; line-height: 2; text-indent: 2em; }
  table { margin-top: 8mm; border-collapse: collapse; font-size: 13pt; }
  td { padding: 2mm 4mm; }
  td.k { color: #555; width: 32mm; }
  .verify { position: absolute; right: 18mm; bottom: 14mm; text-align: right; font-size: 10pt; color: #555; }
  .status { display: inline-block; padding: 1mm 4mm; border: 0.4mm solid; font-weight: bold; }
  .status.ok { color: #17702e; } .status.bad { color: #a61b1b; }
  .toolbar { text-align: center; margin: 4mm; font-family: sans-serif; }
  @media print { body { background: #fff; } .sheet { margin: 0; } .toolbar { display: none; } }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`;
}

export interface PrintableCertificate {
  kindLabel: string;
  number: string;
  holderName: string;
  unitName: string | null;
  issuedOn: string;
  expiresOn: string;
  statusLabel: string;
  valid: boolean;
  issuer: string;
  verificationCode: string;
  verifyUrl: string;
}

export function renderCertificatePage(c: PrintableCertificate): string {
  const body = `
<div class="toolbar"><button onclick="window.print()">打印证书</button></div>
<div class="sheet">
  <h1>${escapeHtml(c.kindLabel)}</h1>
  <p class="lead">${escapeHtml(c.holderName)}同志${c.unitName ? `（${escapeHtml(c.unitName)}）` : ''}，经考核合格，准予取得${escapeHtml(c.kindLabel)}，特发此证。</p>
  <table>
    <tr><td class="k">证书编号</td><td>${escapeHtml(c.number)}</td></tr>
    <tr><td class="k">发证日期</td><td>${chineseDate(c.issuedOn)}</td></tr>
    <tr><td class="k">有效期至</td><td>${chineseDate(c.expiresOn)}</td></tr>
    <tr><td class="k">发证机关</td><td>${escapeHtml(c.issuer)}</td></tr>
    <tr><td class="k">状态</td><td><span class="status ${c.valid ? 'ok' : 'bad'}">${escapeHtml(c.statusLabel)}</span></td></tr>
  </table>
  <div class="verify">验证码：<b>${escapeHtml(c.verificationCode)}</b><br>
  查验地址：${escapeHtml(c.verifyUrl)}</div>
</div>`;
  return page(`${c.kindLabel} ${c.number}`, body);
}

export function renderVerificationPage(
  result: { number: string; kindLabel: string; valid: boolean; statusLabel: string; holder: string } | null,
): string {
  const body = result
    ? `<div class="sheet"><h1>证书查验</h1>
  <p class="lead">证书编号 ${escapeHtml(result.number)}（${escapeHtml(result.kindLabel)}），持证人 ${escapeHtml(result.holder)}。</p>
  <p class="lead">查验结果：<span class="status ${result.valid ? 'ok' : 'bad'}">${result.valid ? '证书有效' : escapeHtml(result.statusLabel)}</span></p></div>`
    : `<div class="sheet"><h1>证书查验</h1><p class="lead">证书编号或验证码不正确，未查到该证书。</p></div>`;
  return page('证书查验', body);
}
