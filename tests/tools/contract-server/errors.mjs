// A service error the server answers with: HTTP status, __type and message (AWS JSON 1.1 error shape).
export class ServiceError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}
