package dev.eider.runtime.admin;

/** An admin API answer as the CLI prints it: the HTTP status and the body text. */
public record AdminResponse(int status, String body) {
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
