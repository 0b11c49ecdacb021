/**
 * The page both renderers lay out: A4 with the margins of GB/T 9704-2012 (top 37 mm, bottom 35 mm, left 28 mm,
 * right 26 mm), which leave a text block 156 mm wide.
 */
export const MARGIN_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const TEXT_WIDTH_MM = 210 - MARGIN_MM.left - MARGIN_MM.right;
/** The text block's width in points (1 pt = 1/72 inch = 25.4/72 mm). */
export const TEXT_WIDTH_PT = (TEXT_WIDTH_MM * 72) / 25.4;
