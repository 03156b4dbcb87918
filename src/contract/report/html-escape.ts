/**
 * Characters an HTML document should not carry: C0 controls other than tab, LF and CR (a provider's body
 * quoted in a reason may hold them), DEL, lone surrogates and the noncharacters U+FFFE and U+FFFF.
 */
const NOT_HTML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe for HTML element content and for quoted attribute values alike: `&<>"'` become
 * references and characters a document should not carry become U+FFFD, so nothing a provider sent can
 * open a tag, end an attribute or start an entity.
 *
 * @example
 * escapeHtml('<img src=x onerror="alert(1)">'); // '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(NOT_HTML, '\ufffd').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
