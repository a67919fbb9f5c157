/**
 * Unicode bidirectional controls in names people read. U+202E (right-to-left override) makes
 * `evil\u202Egnp.txt` display as `eviltxt.png`; a title can hide a reversed amount the same way.
 */

/** Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they reorder what follows them. */
const DIRECTIONAL_FORMATTING = /[\u202A-\u202E\u2066-\u2069]/g;

/** The directional formatting characters plus the invisible marks LRM, RLM and ALM. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/**
 * Free text without the characters that reorder it. The marks (LRM, RLM, ALM) stay: they only
 * steer neutral characters next to them and are typed on purpose in mixed-direction text.
 */
export function stripDirectionalFormatting(text: string): string {
  return text.replace(DIRECTIONAL_FORMATTING, '');
}

/** Text without any bidirectional control, marks included: for file names, where none is needed. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
