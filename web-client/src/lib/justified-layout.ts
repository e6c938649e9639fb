/**
 * Justified rows, as the big photo agencies lay out results: every photo keeps its aspect ratio,
 * every full row is scaled to fill the container's width exactly, and the last row keeps the
 * target height (stretching a lone portrait across the page would blow it up).
 *
 * Pure so it can be tested without a browser; the grid component measures its width and calls it.
 */

export type Box = { width: number; height: number };

export type PlacedBox = {
  /** Position of the item in the input. */
  index: number;
  width: number;
  height: number;
};

export type JustifiedRow = {
  height: number;
  items: PlacedBox[];
  /** False for the trailing row, which is shown at the target height instead of filling the width. */
  filled: boolean;
};

export type JustifyOptions = {
  containerWidth: number;
  targetHeight: number;
  /** Horizontal space between items in a row, in pixels. */
  gap?: number;
};

/** Width/height; photos with unknown dimensions are treated as square rather than breaking the row. */
export function aspectOf(box: Box): number {
  return box.width > 0 && box.height > 0 ? box.width / box.height : 1;
}

export function justifyRows(boxes: readonly Box[], { containerWidth, targetHeight, gap = 0 }: JustifyOptions): JustifiedRow[] {
  const width = Math.floor(containerWidth);
  if (boxes.length === 0 || width <= 0 || targetHeight <= 0) return [];

  const rows: JustifiedRow[] = [];
  let start = 0;
  let ratioSum = 0;

  for (let i = 0; i < boxes.length; i++) {
    const ratio = aspectOf(boxes[i]!);
    if (width / ratio <= targetHeight) {
      // Wide enough to fill a row on its own (a panorama): squeezing it beside others would make
      // the whole row a thin strip, so it gets its own row. What came before is filled when that
      // keeps it within half again the target height, and otherwise left at the target height.
      if (start < i) {
        const pending = fillRow(boxes, start, i, width, gap);
        rows.push(pending.height <= targetHeight * MAX_STRETCH ? pending : unfilledRow(boxes, start, i, targetHeight));
      }
      rows.push(fillRow(boxes, i, i + 1, width, gap));
      start = i + 1;
      ratioSum = 0;
      continue;
    }
    const count = i - start + 1;
    const heightWith = (width - gap * (count - 1)) / (ratioSum + ratio);
    if (heightWith > targetHeight) {
      ratioSum += ratio;
      continue;
    }
    // Adding this photo makes the row at least as wide as the container. Close the row with it or
    // without it, whichever leaves the row height nearer the target (never an empty row).
    const heightWithout = count > 1 ? (width - gap * (count - 2)) / ratioSum : Number.POSITIVE_INFINITY;
    if (Math.abs(heightWithout - targetHeight) < Math.abs(heightWith - targetHeight)) {
      rows.push(fillRow(boxes, start, i, width, gap));
      start = i;
      ratioSum = ratio;
    } else {
      rows.push(fillRow(boxes, start, i + 1, width, gap));
      start = i + 1;
      ratioSum = 0;
    }
  }

  if (start < boxes.length) rows.push(unfilledRow(boxes, start, boxes.length, targetHeight));
  return rows;
}

/** How far a row before a panorama may be stretched before it is left ragged instead. */
const MAX_STRETCH = 1.5;

function unfilledRow(boxes: readonly Box[], from: number, to: number, targetHeight: number): JustifiedRow {
  const height = Math.round(targetHeight);
  const items: PlacedBox[] = [];
  for (let i = from; i < to; i++) items.push({ index: i, width: Math.round(aspectOf(boxes[i]!) * targetHeight), height });
  return { height, items, filled: false };
}

/** Scales boxes[from, to) to exactly `width` (minus gaps); rounding is cumulative so no pixel is lost or gained. */
function fillRow(boxes: readonly Box[], from: number, to: number, width: number, gap: number): JustifiedRow {
  const available = width - gap * (to - from - 1);
  let ratioSum = 0;
  for (let i = from; i < to; i++) ratioSum += aspectOf(boxes[i]!);
  const exactHeight = available / ratioSum;
  const height = Math.max(1, Math.round(exactHeight));

  const items: PlacedBox[] = [];
  let edge = 0;
  let roundedEdge = 0;
  for (let i = from; i < to; i++) {
    edge += aspectOf(boxes[i]!) * exactHeight;
    const next = i === to - 1 ? available : Math.round(edge);
    items.push({ index: i, width: next - roundedEdge, height });
    roundedEdge = next;
  }
  return { height, items, filled: true };
}
