import { escapeHtml, html, jsonScript, raw } from './html';

describe('the one HTML escaper', () => {
  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`<b>"甲"&'乙'</b>`)).toBe('&lt;b&gt;&quot;甲&quot;&amp;&#39;乙&#39;&lt;/b&gt;');
  });

  it('escapes every value in a template unless it is already safe markup', () => {
    const sut = html`<p title="${'"x"'}">${'<script>'}${raw('<br>')}${[1, '<2>']}${null}${false}</p>`;
    expect(sut.value).toBe('<p title="&quot;x&quot;">&lt;script&gt;<br>1&lt;2&gt;</p>');
  });

  it('keeps a JSON block from closing its script tag', () => {
    expect(jsonScript('d', { s: '</script><b>' }).value).toBe(
      '<script type="application/json" id="d">{"s":"\\u003c/script>\\u003cb>"}</script>',
    );
  });
});
