/** Leaving the SPA (to the payment page) goes through here, so tests can watch it instead of navigating jsdom. */
export const browser = {
  assign(url: string) {
    globalThis.location.assign(url);
  },
};
