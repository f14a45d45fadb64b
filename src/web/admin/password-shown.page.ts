import { html, type SafeHtml } from '../shared/html';

/**
 * The answer page of 重置密码 and of creating an account without a password: the new password shown this once, on
 * the page itself (never in an address, a cookie or a log), with what the person will be asked at sign-in.
 */
export function passwordShownPage(o: {
  title: string;
  username: string;
  name: string;
  password: string;
}): SafeHtml {
  return html`<div class="narrow">
    <h1>${o.title}</h1>
    <p>账号 <strong>${o.username}</strong>（${o.name}）的新密码：</p>
    <p class="one-time-password" id="new-password"><code>${o.password}</code></p>
    <p class="flash info" role="status">
      此密码只显示这一次，请现在告知本人（当面或电话）。本人用它登录后，系统会要求立即设置自己的新密码。
    </p>
    <p><a class="button" href="/app/admin/users">返回账号列表</a></p>
  </div>`;
}
