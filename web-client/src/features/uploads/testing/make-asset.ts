import type { AssetDetail } from '../api/get-my-assets';

let n = 0;

/** A complete draft as the API returns it; override what the test is about. */
export function makeAsset(overrides: Partial<AssetDetail> = {}): AssetDetail {
  n += 1;
  const id = `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    status: 'draft',
    failureReason: null,
    originalFilename: `IMG_${1000 + n}.jpg`,
    byteSize: 8_400_000,
    width: 6000,
    height: 4000,
    title: null,
    description: null,
    keywords: [],
    editorialOnly: false,
    showsPeople: false,
    showsProperty: false,
    capturedAt: '2026-05-01T10:00:00Z',
    camera: 'Fujifilm X-T5',
    lens: 'XF 23mm F1.4',
    hasPrivateLocation: false,
    thumbnail: { url: `/renditions/${id}-thumb.jpg`, width: 400, height: 267 },
    preview: { url: `/renditions/${id}-preview.jpg`, width: 1600, height: 1067 },
    blurPlaceholder: 'data:image/jpeg;base64,AAAA',
    dominantColours: ['#336699'],
    nearDuplicates: [],
    contributors: [],
    releases: [],
    missing: [],
    createdAt: '2026-05-02T10:00:00Z',
    submittedAt: null,
    ...overrides,
  };
}

export const OWNER = {
  id: '0190a1b2-0000-7000-8000-0000000000aa',
  email: 'ana@example.test',
  displayName: 'Ana Photographer',
  roles: ['contributor'],
  membership: null,
  createdAt: '2026-01-02T03:04:05Z',
};
