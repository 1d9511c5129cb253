import common from '../../../locales/nl-NL/common.json'
import auth from '../../../locales/nl-NL/auth.json'
import admin from '../../../locales/nl-NL/admin.json'
import projects from '../../../locales/nl-NL/projects.json'
import goals from '../../../locales/nl-NL/goals.json'
import documents from '../../../locales/nl-NL/documents.json'
import meetings from '../../../locales/nl-NL/meetings.json'
import minutes from '../../../locales/nl-NL/minutes.json'
import calendar from '../../../locales/nl-NL/calendar.json'
import agendaPack from '../../../locales/nl-NL/agendaPack.json'
import activity from '../../../locales/nl-NL/activity.json'
import notifications from '../../../locales/nl-NL/notifications.json'
import standing from '../../../locales/nl-NL/standing.json'

/** Every nl-NL text, one module per language so the browser loads only the reader's. */
export default {
  common,
  auth,
  admin,
  projects,
  goals,
  documents,
  meetings,
  minutes,
  calendar,
  agendaPack,
  activity,
  notifications,
  standing,
}
