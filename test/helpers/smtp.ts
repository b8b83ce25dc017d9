import { SMTPServer } from 'smtp-server'
import { sparePort } from './redis-server.js'

export interface ReceivedMail { from: string; to: string[]; raw: string }

/** A real SMTP server (the smtp-server package) on a loopback port, keeping what it receives; can stop and start. */
export class TestSmtp {
  readonly received: ReceivedMail[] = []
  private server: SMTPServer | undefined
  private constructor (readonly port: number) {}

  static async start (port?: number): Promise<TestSmtp> {
    const s = new TestSmtp(port ?? await sparePort())
    await s.start()
    return s
  }

  /** A port with nothing listening yet (start() later to bring SMTP "back"). */
  static async down (): Promise<TestSmtp> {
    return new TestSmtp(await sparePort())
  }

  get url (): string { return `smtp://127.0.0.1:${this.port}?ignoreTLS=true` }

  async start (): Promise<void> {
    const received = this.received
    this.server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData (stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
          callback()
        })
      },
    })
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject)
      this.server?.listen(this.port, '127.0.0.1', () => resolve())
    })
  }

  async stop (): Promise<void> {
    const s = this.server
    this.server = undefined
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }
}

/** The decoded text body of a received message (quoted-printable soft breaks undone). */
export const bodyOf = (raw: string): string =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
