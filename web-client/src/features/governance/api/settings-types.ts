/** The settings, meetings and directory contract (issue 9) as the governance pages use it, generated from api/openapi.json. */
import type { components } from '@/api/schema';

type S = components['schemas'];
export type Money = S['Money'];
export type CoopSettings = S['CoopSettingsResponse'];
export type SettingsChangeList = S['SettingsChangeList'];
export type SettingsChangeEntry = S['SettingsChangeEntry'];
export type SettingsChangeLine = S['SettingsChangeLine'];
export type SettingValue = S['SettingValue'];
export type SettingsChange = S['SettingsChange'];
export type MeetingSummary = S['MeetingSummary'];
export type Meeting = S['Meeting'];
export type ScheduleMeetingInput = S['ScheduleMeetingRequest'];
export type DirectoryMember = S['DirectoryMember'];
export type DirectoryPage = S['DirectoryPage'];

export const settingsKey = ['coop', 'settings'] as const;
export const settingsHistoryKey = ['coop', 'settings', 'history'] as const;
export const meetingsKey = ['coop', 'meetings'] as const;
export const meetingKey = (id: string) => ['coop', 'meetings', id] as const;
export const directoryKey = (q: string, memberClass: string) => ['coop', 'directory', q, memberClass] as const;
