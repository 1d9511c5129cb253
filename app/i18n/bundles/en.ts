import common from '../../../locales/en/common.json'
import auth from '../../../locales/en/auth.json'
import admin from '../../../locales/en/admin.json'
import projects from '../../../locales/en/projects.json'
import goals from '../../../locales/en/goals.json'
import documents from '../../../locales/en/documents.json'
import meetings from '../../../locales/en/meetings.json'
import minutes from '../../../locales/en/minutes.json'
import calendar from '../../../locales/en/calendar.json'
import agendaPack from '../../../locales/en/agendaPack.json'
import activity from '../../../locales/en/activity.json'
import notifications from '../../../locales/en/notifications.json'
import standing from '../../../locales/en/standing.json'

/** Every en text, one module per language so the browser loads only the reader's. */
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
