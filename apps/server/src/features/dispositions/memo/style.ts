/** The memo's page, spacing, type sizes and colours. */
// A4 in points; the footer sits in the bottom margin.
export const MARGIN = { top: 42, bottom: 56, left: 50, right: 50 };
export const FOOTER_OFFSET = 32;
export const LINE_GAP = 2;
export const CELL_PAD = 4.5;
export const MIN_ROW = 20;
/** A table cell never grows past this; longer text is cut with an ellipsis. */
export const MAX_CELL = 240;
export const SIGNATURE_BOX = { width: 280, height: 84 };
/** The customer's part (comment, satisfaction, signature) moves to a new page whole when at most this tall. */
export const KEEP_CUSTOMER_PART = 360;
export const SATISFACTION_HEIGHT = 20;
export const TEXT = '#1f1f1f';
export const MUTED = '#666666';
export const RULE = '#9a9a9a';
export const LABEL_FILL = '#f0f0f0';
export const SIZE = { title: 18, subtitle: 9.5, company: 10.5, heading: 11, body: 9.5, cell: 9, small: 8 };
