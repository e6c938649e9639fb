import { describe, expect, it } from 'vitest';
import { aspectOf, justifyRows, type Box, type JustifiedRow } from './justified-layout';

const rowWidth = (row: JustifiedRow, gap: number) =>
  row.items.reduce((sum, item) => sum + item.width, 0) + gap * (row.items.length - 1);

/** A deterministic mix of landscape, portrait, square and panorama photos. */
function mixed(count: number): Box[] {
  const shapes: Box[] = [
    { width: 6000, height: 4000 },
    { width: 4000, height: 6000 },
    { width: 3000, height: 3000 },
    { width: 1600, height: 900 },
    { width: 9000, height: 2000 },
    { width: 2400, height: 3600 },
  ];
  return Array.from({ length: count }, (_, i) => shapes[(i * 7) % shapes.length]!);
}

describe('justifyRows', () => {
  it('returns no rows for no photos or a container without width', () => {
    expect(justifyRows([], { containerWidth: 1000, targetHeight: 200 })).toEqual([]);
    expect(justifyRows(mixed(3), { containerWidth: 0, targetHeight: 200 })).toEqual([]);
  });

  it('fills every full row to the container width within a pixel', () => {
    for (const containerWidth of [375, 768, 1024.6, 1440]) {
      for (const gap of [0, 4, 8]) {
        const rows = justifyRows(mixed(60), { containerWidth, targetHeight: 200, gap });
        const full = rows.filter((r) => r.filled);
        expect(full.length).toBeGreaterThan(3);
        for (const row of full) expect(Math.abs(rowWidth(row, gap) - containerWidth)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps every photo in order, each exactly once', () => {
    const boxes = mixed(45);
    const rows = justifyRows(boxes, { containerWidth: 1100, targetHeight: 180, gap: 6 });
    expect(rows.flatMap((r) => r.items.map((i) => i.index))).toEqual(boxes.map((_, i) => i));
  });

  it("keeps each photo's aspect ratio (to within rounding)", () => {
    const boxes = mixed(40);
    const rows = justifyRows(boxes, { containerWidth: 1200, targetHeight: 220, gap: 8 });
    for (const row of rows) {
      for (const item of row.items) {
        const expected = aspectOf(boxes[item.index]!) * row.height;
        // Widths are whole pixels and the height is rounded: at most a couple of pixels off.
        expect(Math.abs(item.width - expected)).toBeLessThanOrEqual(2);
        expect(item.height).toBe(row.height);
      }
    }
  });

  it('keeps full rows near the target height', () => {
    const rows = justifyRows(mixed(60), { containerWidth: 1200, targetHeight: 220, gap: 8 });
    for (const row of rows.filter((r) => r.filled)) {
      expect(row.height).toBeGreaterThan(220 * 0.6);
      expect(row.height).toBeLessThan(220 * 1.6);
    }
  });

  it('does not stretch the last row', () => {
    // Three landscape photos at 200 px high are 900 px wide: not enough to fill 1200 px.
    const rows = justifyRows(
      [
        { width: 1500, height: 1000 },
        { width: 1500, height: 1000 },
        { width: 1500, height: 1000 },
      ],
      { containerWidth: 1200, targetHeight: 200, gap: 0 },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.filled).toBe(false);
    expect(rows[0]!.height).toBe(200);
    expect(rows[0]!.items.map((i) => i.width)).toEqual([300, 300, 300]);
  });

  it('puts a very wide panorama on a row of its own, filling the width', () => {
    const rows = justifyRows(
      [
        { width: 3000, height: 2000 },
        { width: 20000, height: 1000 },
        { width: 3000, height: 2000 },
      ],
      { containerWidth: 1000, targetHeight: 200, gap: 8 },
    );
    const panoramaRow = rows.find((r) => r.items.some((i) => i.index === 1))!;
    expect(panoramaRow.items).toHaveLength(1);
    expect(panoramaRow.filled).toBe(true);
    expect(panoramaRow.items[0]).toEqual({ index: 1, width: 1000, height: 50 });
    // The lone landscape before it would be 666 px high if stretched to the width: it keeps the target height.
    expect(rows[0]).toEqual({ height: 200, filled: false, items: [{ index: 0, width: 300, height: 200 }] });
  });

  it('treats a photo without dimensions as square', () => {
    const rows = justifyRows([{ width: 0, height: 0 }], { containerWidth: 1000, targetHeight: 200 });
    expect(rows[0]!.items[0]).toEqual({ index: 0, width: 200, height: 200 });
  });
});
