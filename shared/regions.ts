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
