import type { SubmissionResult } from '@conform-to/react'
import { useNavigate } from '@remix-run/react'
import { useState } from 'react'

export type UploadState = { progress: number | null; result?: SubmissionResult<string[]> }

/**
 * With JavaScript, a form with a file is sent by XMLHttpRequest (fetch cannot report upload progress)
 * to the JSON twin of the page's action; the answer is a redirect to follow or the same form errors the
 * page would show. Without JavaScript the plain form posts to the page itself.
 */
export function useProgressUpload(options: { url: string; maxBytes: number }) {
  const navigate = useNavigate()
  const [state, setState] = useState<UploadState>({ progress: null })

  function refuse(message: string) {
    setState({ progress: null, result: { status: 'error', error: { file: [message] } } })
  }

  function send(event: React.FormEvent<HTMLFormElement>, formData: FormData) {
    event.preventDefault()
    const file = formData.get('file')
    if (!(file instanceof File) || !file.name) return refuse('fileRequired')
    if (file.size === 0) return refuse('uploadEmpty')
    if (file.size > options.maxBytes) {
      return refuse(`uploadTooLarge|${Math.floor(options.maxBytes / (1024 * 1024))}`)
    }
    const request = new XMLHttpRequest()
    request.open('POST', options.url)
    request.responseType = 'json'
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) setState({ progress: Math.round((e.loaded / e.total) * 100) })
    }
    request.onload = () => {
      const body = request.response as {
        redirectTo?: string
        result?: SubmissionResult<string[]>
      } | null
      // Signed out meanwhile: the request followed the redirect to the sign-in page.
      if (new URL(request.responseURL || options.url, window.location.href).pathname === '/login') {
        setState({ progress: null, result: { status: 'error', error: { '': ['sessionExpired'] } } })
        return
      }
      if (body?.redirectTo) {
        setState({ progress: 100 })
        navigate(body.redirectTo)
        return
      }
      setState({
        progress: null,
        result: body?.result ?? { status: 'error', error: { '': ['uploadFailed'] } },
      })
    }
    request.onerror = () =>
      setState({ progress: null, result: { status: 'error', error: { '': ['uploadFailed'] } } })
    setState({ progress: 0 })
    request.send(formData)
  }

  return { ...state, send }
}
