/** Where each region's Conversation and Template Management APIs live (reference §1). */
export const SINCH_REGIONS = ['us', 'eu', 'br'] as const;
export type SinchRegion = (typeof SINCH_REGIONS)[number];

/** A region as the user picks it: one of Sinch's, a custom base URL, or the local sandbox. */
export const REGION_CHOICES = ['us', 'eu', 'br', 'custom', 'sandbox'] as const;
export type RegionChoice = (typeof REGION_CHOICES)[number];

export const REGION_LABELS: Record<RegionChoice, string> = {
  us: 'United States (us)',
  eu: 'Europe (eu)',
  br: 'Brazil (br)',
  custom: 'Custom base URL',
  sandbox: 'Sandbox (local, offline)',
};

export const GLOBAL_AUTH_URL = 'https://auth.sinch.com/oauth2/token';

export interface RegionHosts {
  conversation: string;
  template: string;
}

export function sinchHosts(region: SinchRegion): RegionHosts {
  return {
    conversation: `https://${region}.conversation.api.sinch.com`,
    template: `https://${region}.template.api.sinch.com`,
  };
}

export function isSinchRegion(value: string): value is SinchRegion {
  return (SINCH_REGIONS as readonly string[]).includes(value);
}

/** Regional token hosts the getting-started guide names (reference §1.4); `br` has none. */
export const REGIONAL_AUTH_URLS: Readonly<Partial<Record<SinchRegion, string>>> = {
  us: 'https://us.auth.sinch.com/oauth2/token',
  eu: 'https://eu.auth.sinch.com/oauth2/token',
};

export interface TokenUrlChoice {
  id: 'global' | 'regional' | 'sandbox' | 'custom';
  /** Empty for `custom` (the user types it). */
  url: string;
  label: string;
  recommended: boolean;
}

/**
 * The token URLs offered for an environment's region. Sinch's current guidance (§1.4) is the
 * global endpoint for every region, so it is the recommended default; the regional host of the
 * environment's own region is offered beside it where Sinch documents one, and a custom URL always.
 * The sandbox issues its own tokens at `sandboxAuthUrl`.
 */
export function tokenUrlChoices(region: RegionChoice, sandboxAuthUrl: string | null = null): TokenUrlChoice[] {
  if (region === 'sandbox') {
    return [{ id: 'sandbox', url: sandboxAuthUrl ?? '', label: 'Sandbox (its own token endpoint)', recommended: true }];
  }
  const choices: TokenUrlChoice[] = [{ id: 'global', url: GLOBAL_AUTH_URL, label: `Global — ${GLOBAL_AUTH_URL}`, recommended: true }];
  const regional = isSinchRegion(region) ? REGIONAL_AUTH_URLS[region] : undefined;
  if (regional) choices.push({ id: 'regional', url: regional, label: `${region.toUpperCase()} — ${regional}`, recommended: false });
  choices.push({ id: 'custom', url: '', label: 'Custom URL…', recommended: false });
  return choices;
}

/** Which choice an environment's stored token URL is (empty = global, Sinch's default). */
export function tokenUrlChoiceOf(region: RegionChoice, tokenUrl: string): TokenUrlChoice['id'] {
  if (region === 'sandbox') return 'sandbox';
  const url = tokenUrl.trim();
  if (url === '' || url === GLOBAL_AUTH_URL) return 'global';
  if (isSinchRegion(region) && REGIONAL_AUTH_URLS[region] === url) return 'regional';
  return 'custom';
}
