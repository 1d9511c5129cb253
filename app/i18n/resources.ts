import enActivity from '../../locales/en/activity.json'
import beActivity from '../../locales/nl-BE/activity.json'
import nlActivity from '../../locales/nl-NL/activity.json'
import enMeetings from '../../locales/en/meetings.json'
import enMinutes from '../../locales/en/minutes.json'
import enCalendar from '../../locales/en/calendar.json'
import enAgendaPack from '../../locales/en/agendaPack.json'
import enNotifications from '../../locales/en/notifications.json'
import beMeetings from '../../locales/nl-BE/meetings.json'
import beMinutes from '../../locales/nl-BE/minutes.json'
import beCalendar from '../../locales/nl-BE/calendar.json'
import beAgendaPack from '../../locales/nl-BE/agendaPack.json'
import beNotifications from '../../locales/nl-BE/notifications.json'
import nlMeetings from '../../locales/nl-NL/meetings.json'
import nlMinutes from '../../locales/nl-NL/minutes.json'
import nlCalendar from '../../locales/nl-NL/calendar.json'
import nlAgendaPack from '../../locales/nl-NL/agendaPack.json'
import nlNotifications from '../../locales/nl-NL/notifications.json'
import enAdmin from '../../locales/en/admin.json'
import enDocuments from '../../locales/en/documents.json'
import enAuth from '../../locales/en/auth.json'
import enCommon from '../../locales/en/common.json'
import enGoals from '../../locales/en/goals.json'
import enProjects from '../../locales/en/projects.json'
import beAdmin from '../../locales/nl-BE/admin.json'
import beDocuments from '../../locales/nl-BE/documents.json'
import beAuth from '../../locales/nl-BE/auth.json'
import beCommon from '../../locales/nl-BE/common.json'
import beGoals from '../../locales/nl-BE/goals.json'
import beProjects from '../../locales/nl-BE/projects.json'
import nlAdmin from '../../locales/nl-NL/admin.json'
import nlDocuments from '../../locales/nl-NL/documents.json'
import nlAuth from '../../locales/nl-NL/auth.json'
import nlCommon from '../../locales/nl-NL/common.json'
import nlGoals from '../../locales/nl-NL/goals.json'
import nlProjects from '../../locales/nl-NL/projects.json'

export const resources = {
  'nl-NL': {
    common: nlCommon,
    auth: nlAuth,
    admin: nlAdmin,
    projects: nlProjects,
    goals: nlGoals,
    documents: nlDocuments,
    meetings: nlMeetings,
    minutes: nlMinutes,
    calendar: nlCalendar,
    agendaPack: nlAgendaPack,
    activity: nlActivity,
    notifications: nlNotifications,
  },
  'nl-BE': {
    common: beCommon,
    auth: beAuth,
    admin: beAdmin,
    projects: beProjects,
    goals: beGoals,
    documents: beDocuments,
    meetings: beMeetings,
    minutes: beMinutes,
    calendar: beCalendar,
    agendaPack: beAgendaPack,
    activity: beActivity,
    notifications: beNotifications,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    admin: enAdmin,
    projects: enProjects,
    goals: enGoals,
    documents: enDocuments,
    meetings: enMeetings,
    minutes: enMinutes,
    calendar: enCalendar,
    agendaPack: enAgendaPack,
    activity: enActivity,
    notifications: enNotifications,
  },
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: (typeof resources)['nl-NL']
  }
}
