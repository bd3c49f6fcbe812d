import { base64url } from '../src/shared/base64url';

const viaBuffer = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('base64url', () => {
  it("gives Buffer's encoding for ASCII text of every length and every byte value", () => {
    for (let length = 0; length <= 24; length += 1) {
      for (let first = 0; first < 128; first += 1) {
        const text = Array.from({ length }, (_, index) => String.fromCharCode((first + index * 37) % 128)).join('');
        expect(base64url(text)).toBe(viaBuffer(text));
      }
    }
  });

  it("gives Buffer's encoding for the ids and cursors Annals issues", () => {
    for (const text of [
      'Event:39',
      'Actor:4146',
      'Source:19999',
      'e1:1136026800000:39',
      'e1:-62135596800000:1',
      'v1:7',
    ])
      expect(base64url(text)).toBe(viaBuffer(text));
  });

  it('encodes the UTF-8 bytes of any other text, wherever its first non-ASCII character is', () => {
    for (const text of ['a1:王伟', 'a1:x王', 'a1:xy王', 'é', 'ab😀', '😀', 'Wang Wei 王伟 😀 ok', 'a1:wang-wei-\u0080'])
      expect(base64url(text)).toBe(viaBuffer(text));
  });
});
