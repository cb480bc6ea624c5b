// PostgreSQL text cannot hold U+0000, and UTF-8 cannot hold a lone surrogate, yet a JSON body can
// carry both and the memory store keeps them. Text columns therefore store such strings escaped
// with a private-use character, and give them back unchanged: ordinary text is stored as it is.

const ESCAPE = '\ue000';
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const NEEDS = /[\u0000\ue000\ud800-\udfff]/;
const ESCAPED = /\ue000(\ue000|0|u[0-9a-f]{4})/g;

export function encodeText(text: string): string;
export function encodeText(text: string | null): string | null;
export function encodeText(text: string | null): string | null {
  if (text === null || !NEEDS.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) out += `${ESCAPE}0`;
    else if (c === 0xe000) out += ESCAPE + ESCAPE;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) out += text[i]! + text[++i]!;
    else if (c >= 0xd800 && c <= 0xdfff) out += `${ESCAPE}u${c.toString(16)}`;
    else out += text[i];
  }
  return out;
}

export function decodeText(text: string): string;
export function decodeText(text: string | null): string | null;
export function decodeText(text: string | null): string | null {
  if (text === null || !text.includes(ESCAPE)) return text;
  return text.replace(ESCAPED, (_, code: string) => (code === ESCAPE ? ESCAPE : code === '0' ? '\u0000' : String.fromCharCode(parseInt(code.slice(1), 16))));
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
