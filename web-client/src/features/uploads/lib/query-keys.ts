/** Every query about the signed-in contributor's assets starts with this key. */
export const myAssetsQueryKey = ['uploads', 'my-assets'] as const;
export const myReleasesQueryKey = ['uploads', 'my-releases'] as const;
