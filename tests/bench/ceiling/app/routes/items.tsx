import { useLoaderData } from '@remix-run/react'

// Twenty items from memory: what a page costs the framework when the app itself does nothing.
export function loader() {
  return {
    items: Array.from({ length: 20 }, (_, i) => ({
      id: i + 1,
      title: `Vergadering ${i + 1} van het netwerk`,
      date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    })),
  }
}

export default function Items() {
  const { items } = useLoaderData<typeof loader>()
  return (
    <main>
      <h1>Vergaderingen</h1>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <a href={`/vergaderingen/${item.id}`}>{item.title}</a> <time>{item.date}</time>
          </li>
        ))}
      </ul>
    </main>
  )
}
