/**
 * A 5x8 bitmap font for printable ASCII (32..126), authored for this project.
 * Each glyph is 8 rows of 5 pixels written as 16 hex digits, two per row, top row first;
 * bit 4 (0x10) is the leftmost pixel. Row 7 holds descenders (g j p q y , ;).
 */
const GLYPH_HEX: readonly string[] = [
  '0000000000000000', // ' '
  '0404040404000400', // !
  '0A0A0A0000000000', // "
  '0A0A1F0A1F0A0A00', // #
  '040F140E051E0400', // $
  '1819020408130300', // %
  '0C12140815120D00', // &
  '0404080000000000', // '
  '0204080808040200', // (
  '0804020202040800', // )
  '0004150E15040000', // *
  '0004041F04040000', // +
  '00000000000C0408', // ,
  '0000001F00000000', // -
  '00000000000C0C00', // .
  '0001020408100000', // /
  '0E11131519110E00', // 0
  '040C040404040E00', // 1
  '0E11010204081F00', // 2
  '1F02040201110E00', // 3
  '02060A121F020200', // 4
  '1F101E0101110E00', // 5
  '0608101E11110E00', // 6
  '1F01020408080800', // 7
  '0E11110E11110E00', // 8
  '0E11110F01020C00', // 9
  '000C0C000C0C0000', // :
  '00000C0C000C0408', // ;
  '0204081008040200', // <
  '00001F001F000000', // =
  '0804020102040800', // >
  '0E11010204000400', // ?
  '0E11010D15150E00', // @
  '0E1111111F111100', // A
  '1E11111E11111E00', // B
  '0E11101010110E00', // C
  '1C12111111121C00', // D
  '1F10101E10101F00', // E
  '1F10101E10101000', // F
  '0E11101711110F00', // G
  '1111111F11111100', // H
  '0E04040404040E00', // I
  '0702020202120C00', // J
  '1112141814121100', // K
  '1010101010101F00', // L
  '111B151511111100', // M
  '1111191513111100', // N
  '0E11111111110E00', // O
  '1E11111E10101000', // P
  '0E11111115120D00', // Q
  '1E11111E14121100', // R
  '0F10100E01011E00', // S
  '1F04040404040400', // T
  '1111111111110E00', // U
  '11111111110A0400', // V
  '1111111515150A00', // W
  '11110A040A111100', // X
  '1111110A04040400', // Y
  '1F01020408101F00', // Z
  '0E08080808080E00', // [
  '0010080402010000', // backslash
  '0E02020202020E00', // ]
  '040A110000000000', // ^
  '0000000000001F00', // _
  '0804020000000000', // `
  '00000E010F110F00', // a
  '1010161911111E00', // b
  '00000E1010110E00', // c
  '01010D1311110F00', // d
  '00000E111F100E00', // e
  '0609081C08080800', // f
  '00000F11110F010E', // g
  '1010161911111100', // h
  '04000C0404040E00', // i
  '020006020202120C', // j
  '1010121418141200', // k
  '0C04040404040E00', // l
  '00001A1515111100', // m
  '0000161911111100', // n
  '00000E1111110E00', // o
  '00001E11111E1010', // p
  '00000F11110F0101', // q
  '0000161910101000', // r
  '00000E100E011E00', // s
  '08081C0808090600', // t
  '0000111111130D00', // u
  '00001111110A0400', // v
  '0000111115150A00', // w
  '0000110A040A1100', // x
  '00001111110F010E', // y
  '00001F0204081F00', // z
  '0204040804040200', // {
  '0404040404040400', // |
  '0804040204040800', // }
  '0000081502000000', // ~
];

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 8;
const FIRST_CODE = 32;
const LAST_CODE = 126;
const FALLBACK_CODE = 63; // '?'

/** All glyph rows, decoded once: GLYPH_HEIGHT bytes per character. */
const GLYPH_ROWS = Uint8Array.from(Buffer.from(GLYPH_HEX.join(''), 'hex'));

/** The pixels of one glyph row as a 5-bit mask (0x10 = leftmost); unknown characters draw '?'. */
export function readGlyphRow(charCode: number, row: number): number {
  const code = charCode >= FIRST_CODE && charCode <= LAST_CODE ? charCode : FALLBACK_CODE;
  if (row < 0 || row >= GLYPH_HEIGHT) return 0;
  return GLYPH_ROWS[(code - FIRST_CODE) * GLYPH_HEIGHT + row] ?? 0;
}

/** Tab, line breaks, no-break and other common spaces; a fixed list so Unicode updates cannot change output. */
const WHITESPACE: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
  0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Maps text to the characters the font can draw: whitespace becomes ' ', anything else '?'. */
export function toPrintableAscii(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? FALLBACK_CODE;
    out += code >= FIRST_CODE && code <= LAST_CODE ? char : WHITESPACE.has(code) ? ' ' : '?';
  }
  return out;
}
