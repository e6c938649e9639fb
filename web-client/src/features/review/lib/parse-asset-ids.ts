/** One asset id per line; blank lines and surrounding spaces are ignored. */
export const parseAssetIds = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
