import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { ALERT_SOCKET_EVENTS, type Alert, type AlertServerToClientEvents } from '@meshlens/model';
import type { Server } from 'socket.io';

/** Pushes alert changes to browsers: `alert:firing` / `alert:resolved` when receivers are told, else `alert:updated`. */
@WebSocketGateway({ cors: { origin: true } })
export class AlertsGateway {
  @WebSocketServer()
  private readonly server?: Server<Record<string, never>, AlertServerToClientEvents>;

  publish(notify: 'firing' | 'resolved' | null, alert: Alert): void {
    if (!this.server) return;
    const event = notify ? ALERT_SOCKET_EVENTS[notify] : ALERT_SOCKET_EVENTS.updated;
    this.server.emit(event, alert);
  }
}
