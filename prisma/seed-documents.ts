import { Readable } from 'node:stream'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { Db } from '../app/modules/db/db.server'
import { enqueueJob } from '../app/modules/documents/jobs.server'
import { indexNewDocument, nextSearchRowId } from '../app/modules/documents/search-index.server'
import { keepFile, receiveToTemp } from '../app/modules/documents/storage.server'
import { splitTags } from '../app/modules/documents/types'

/*
 * A few shared documents with real PDF files, so the documents pages, search and audiences can be tried
 * at once. Each is created only when its network has no document of that title (also not in the bin).
 * Their text is extracted by the server's job queue after it starts, like any upload.
 */

type DocumentSeed = {
  network: string
  title: string
  description: string
  type: string
  tags: string
  owner: string
  uploader: string
  /** Organisation slugs; absent: all partners of the network. */
  audience?: string[]
  project?: string
  fileName: string
  lines: string[]
}

export const seedDocumentList: readonly DocumentSeed[] = [
  {
    network: 'gos',
    title: 'Intentieovereenkomst automatische shuttle',
    description:
      'De getekende intentieovereenkomst van Sluis, Knokke-Heist en Damme voor de proef.',
    type: 'intentieverklaring',
    tags: 'mobiliteit, shuttle, grens',
    owner: 'sluis',
    uploader: 'secretaris.gos@example.org',
    project: 'Grensoverschrijdende automatische shuttle',
    fileName: 'Intentieovereenkomst shuttle – getekend.pdf',
    lines: [
      'Intentieovereenkomst grensoverschrijdende automatische shuttle',
      'De gemeenten Sluis, Knokke-Heist en Damme verklaren samen een proef te houden',
      'met een zelfrijdende shuttle tussen de kernen aan beide zijden van de grens.',
      'De financiële bijdrage wordt gelijk verdeeld; Interreg Vlaanderen-Nederland wordt gevraagd',
      'om cofinanciering. Getekend in Knokke-Zoute.',
    ],
  },
  {
    network: 'gos',
    title: 'Werkplan GOS 2027',
    description: 'Wat het Grensoverschrijdend Overleg Sluis volgend jaar samen oppakt.',
    type: 'werkplan',
    tags: 'werkplan, 2027',
    owner: 'sluis',
    uploader: 'secretaris.gos@example.org',
    fileName: 'Werkplan GOS 2027.pdf',
    lines: [
      'Werkplan Grensoverschrijdend Overleg Sluis 2027',
      'Speerpunten: kustverdediging en het Zwin, grensoverschrijdende mobiliteit,',
      'toerisme in de Zwinstreek, en de samenwerking van hulpdiensten over de grens.',
    ],
  },
  {
    network: 'gos',
    title: 'Verkeerstellingen grensovergangen (Belgische partners)',
    description: 'Tellingen van de Vlaamse partners, eerst onder hen besproken.',
    type: 'verslag',
    tags: 'verkeer, tellingen',
    owner: 'knokke-heist',
    uploader: 'lid.knokke-heist@example.org',
    audience: ['damme', 'maldegem', 'sint-laureins'],
    fileName: 'Verkeerstellingen grensovergangen.pdf',
    lines: [
      'Verkeerstellingen aan de grensovergangen, voorjaar 2026',
      'Op zaterdagen in het hoogseizoen passeren gemiddeld 6.400 voertuigen Retranchement.',
      'Voorstel: gezamenlijke parkeerverwijzing in Knokke-Heist, Damme en Sluis.',
    ],
  },
  {
    network: 'zeeuws-vlaanderen',
    title: 'Marktverkenning gezamenlijke inkoop',
    description: 'Verkenning voor de gezamenlijke aanbesteding van ICT-diensten.',
    type: 'verslag',
    tags: 'inkoop, ICT',
    owner: 'terneuzen',
    uploader: 'lid.terneuzen@example.org',
    audience: ['hulst', 'sluis'],
    fileName: 'Marktverkenning inkoop.pdf',
    lines: [
      'Marktverkenning gezamenlijke inkoop ICT-diensten',
      'Door samen in te kopen besparen Terneuzen, Hulst en Sluis naar schatting 250.000 euro per jaar.',
    ],
  },
]

async function pdfFile(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  const page = pdf.addPage()
  lines.forEach((line, i) =>
    page.drawText(line, { x: 50, y: 780 - i * 22, size: i === 0 ? 14 : 11, font }),
  )
  return pdf.save()
}

/** Adds the demo documents that are missing; returns how many it added. */
export async function seedDocuments(db: Db): Promise<number> {
  let created = 0
  for (const d of seedDocumentList) {
    const network = await db.network.findUnique({
      where: { slug: d.network },
      select: { id: true },
    })
    const uploader = await db.user.findUnique({
      where: { email: d.uploader },
      select: { id: true },
    })
    const owner = await db.organisation.findUnique({
      where: { slug: d.owner },
      select: { id: true },
    })
    if (!network || !uploader || !owner) continue
    const exists = await db.document.findFirst({
      where: { networkId: network.id, title: d.title },
      select: { id: true },
    })
    if (exists) continue
    const audience = d.audience
      ? await db.organisation.findMany({
          where: { slug: { in: [d.owner, ...d.audience] } },
          select: { id: true },
        })
      : []
    const project = d.project
      ? await db.project.findFirst({ where: { networkId: network.id, title: d.project } })
      : null
    const bytes = await pdfFile(d.lines)
    const file = await receiveToTemp(Readable.from([Buffer.from(bytes)]), bytes.length)
    await keepFile(file)
    const tags = splitTags(d.tags)
    await db.$transaction(async (tx) => {
      const searchRowId = await nextSearchRowId(tx)
      const document = await tx.document.create({
        data: {
          networkId: network.id,
          projectId: project?.id ?? null,
          title: d.title,
          description: d.description,
          type: d.type,
          language: 'nl',
          tags: tags.join(', '),
          audience: d.audience ? 'selected' : 'network',
          ownerOrganisationId: owner.id,
          createdById: uploader.id,
          searchRowId,
          audienceMembers: { create: audience.map((o) => ({ organisationId: o.id })) },
        },
        select: { id: true },
      })
      const version = await tx.documentVersion.create({
        data: {
          documentId: document.id,
          number: 1,
          sha256: file.sha256,
          size: file.size,
          mediaType: 'application/pdf',
          originalName: d.fileName,
          uploadedById: uploader.id,
          organisationId: owner.id,
        },
        select: { id: true },
      })
      await enqueueJob(tx, 'extract_text', { versionId: version.id })
      await indexNewDocument(tx, searchRowId, { title: d.title, description: d.description, tags })
    })
    created++
  }
  return created
}
