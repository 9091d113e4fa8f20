package dev.ember.ui.api;

/** An answer of the REST API: an HTTP status and a JSON body (an error answer is {@code {"message": ...}}). */
public record ApiResponse(int status, String json) {}
