package dev.switchboard.ingest.email;

/** What Switchboard tells about an attachment: never its bytes. */
public record AttachmentInfo(String name, String mediaType, long size, String sha256) {}
