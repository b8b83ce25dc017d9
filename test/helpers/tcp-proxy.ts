import net from 'node:net'

/** A loopback TCP proxy a test can cut and restore, to take a real dependency away and give it back. */
export class TcpProxy {
  private server: net.Server | undefined
  private sockets = new Set<net.Socket>()
  constructor (readonly port: number, private readonly target: { host: string; port: number }) {}

  async start (): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host)
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => { client.destroy(); upstream.destroy() })
      }
      client.pipe(upstream)
      upstream.pipe(client)
    })
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve))
  }

  /** Stops listening and drops every open connection. */
  async stop (): Promise<void> {
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
    this.server = undefined
  }
}
