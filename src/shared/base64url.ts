const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The base64url form (no padding) of `text`'s UTF-8 bytes, the same as
 * `Buffer.from(text, 'utf8').toString('base64url')`. ASCII text, which every id and cursor Annals
 * issues is, is encoded without a Buffer: a timeline page issues hundreds of them, and a Buffer
 * each cost more than the encoding.
 */
export function base64url(text: string): string {
  let encoded = '';
  const length = text.length;
  let index = 0;
  for (; index + 2 < length; index += 3) {
    const a = text.charCodeAt(index);
    const b = text.charCodeAt(index + 1);
    const c = text.charCodeAt(index + 2);
    if ((a | b | c) > 0x7f) return Buffer.from(text, 'utf8').toString('base64url');
    encoded +=
      ALPHABET[a >> 2]! +
      ALPHABET[((a & 3) << 4) | (b >> 4)]! +
      ALPHABET[((b & 15) << 2) | (c >> 6)]! +
      ALPHABET[c & 63]!;
  }
  const rest = length - index;
  if (rest === 0) return encoded;
  const a = text.charCodeAt(index);
  const b = rest === 2 ? text.charCodeAt(index + 1) : 0;
  if ((a | b) > 0x7f) return Buffer.from(text, 'utf8').toString('base64url');
  encoded += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
  return rest === 2 ? encoded + ALPHABET[(b & 15) << 2]! : encoded;
}
