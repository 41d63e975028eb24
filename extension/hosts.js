/**
 * The Seller Central hosts the extension works on (the same list as
 * manifest.json's host_permissions, content_scripts and
 * web_accessible_resources; the e2e test asserts they agree), with the
 * marketplace each host stands for. A regional host (Europe, and the North
 * American .com that also serves CA/MX) only hints: the seller's own choice
 * in the side panel wins once it has been saved.
 */
export const SELLER_CENTRAL_HOSTS = [
  { host: 'sellercentral.amazon.com', marketplace: 'US' },
  { host: 'sellercentral.amazon.ca', marketplace: 'CA' },
  { host: 'sellercentral.amazon.com.mx', marketplace: 'MX' },
  { host: 'sellercentral.amazon.co.uk', marketplace: 'UK' },
  { host: 'sellercentral.amazon.de', marketplace: 'DE' },
  { host: 'sellercentral.amazon.fr', marketplace: 'FR' },
  { host: 'sellercentral.amazon.it', marketplace: 'IT' },
  { host: 'sellercentral.amazon.es', marketplace: 'ES' },
  { host: 'sellercentral.amazon.nl', marketplace: 'NL' },
  { host: 'sellercentral.amazon.se', marketplace: 'SE' },
  { host: 'sellercentral.amazon.pl', marketplace: 'PL' },
  { host: 'sellercentral.amazon.co.jp', marketplace: 'JP' },
  { host: 'sellercentral-europe.amazon.com', marketplace: null },
  { host: 'sellercentral-japan.amazon.com', marketplace: 'JP' },
];

/** chrome.storage.local key of the per-site pause list: {version: 1, paused: [host, …]}. */
export const SITES_KEY = 'tactful.sites.v1';

/** The marketplace a host stands for, or null when it serves several. */
export function hostMarketplace(host) {
  const entry = SELLER_CENTRAL_HOSTS.find((h) => h.host === host);
  return entry ? entry.marketplace : null;
}

/** The paused hosts from a stored value; anything malformed means none. */
export function pausedHosts(stored) {
  if (!stored || typeof stored !== 'object' || !Array.isArray(stored.paused)) return [];
  const known = new Set(SELLER_CENTRAL_HOSTS.map((h) => h.host));
  return stored.paused.filter((h) => known.has(h));
}
