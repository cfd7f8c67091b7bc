package com.peakcommerce.useradmin.ses;

import com.peakcommerce.useradmin.ports.Mailer;
import com.peakcommerce.useradmin.wiring.Adapters;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SES v2 adapter of {@link Mailer}: one {@code SendEmail} call per mail, {@code Content.Simple}
 * with the subject, the text body and the HTML body, all UTF-8, from the configured sender
 * ({@code FromEmailAddress}) and, when configured, a configuration set.
 *
 * <p><b>Environment</b> ({@link #fromEnvironment()}):
 * <ul>
 *   <li>{@code MAIL_SENDER} (required): the sender, e.g. {@code "PeakCommerce <no-reply@example.com>"}.</li>
 *   <li>{@code SES_CONFIGURATION_SET} (optional): the configuration set name.</li>
 *   <li>{@code AWS_REGION} (required; Lambda sets it).</li>
 *   <li>Credentials: {@code Adapters.awsCredentials()}, Lambda's environment variables or, under SnapStart,
 *       the container endpoint.</li>
 *   <li>Endpoint: the SDK (2.57.8, {@code DefaultSesV2BaseClientBuilder}) itself reads only
 *       {@code AWS_ENDPOINT_URL_SESV2} (system property {@code aws.endpointUrlSesV2}, profile section
 *       {@code sesv2}) and then the global {@code AWS_ENDPOINT_URL}. It does <em>not</em> read
 *       {@code AWS_ENDPOINT_URL_SES}, so {@link #fromEnvironment()} maps that one explicitly onto
 *       {@code endpointOverride}, but only when {@code AWS_ENDPOINT_URL_SESV2} is unset (which then
 *       wins, through the SDK) and {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is not {@code true}.</li>
 * </ul>
 *
 * <p><b>Failures</b>: every SDK exception becomes a {@link Mailer.MailException} whose message names
 * the recipient only masked ({@code j***@example.com}) and carries the SES error code, HTTP status and
 * request id, never SES's own message (it may list the addresses). The SDK exception is kept as the
 * cause, so do not log the cause's message. Throttling, 5xx and I/O errors are retried by the SDK's
 * standard retry strategy (exponential backoff with jitter), bounded at {@value #MAX_ATTEMPTS} attempts
 * in all; other 4xx (e.g. {@code MessageRejected}) are not retried. Each attempt is further bounded by
 * the HTTP client's connect/socket timeouts and the whole call by {@link #API_CALL_TIMEOUT}.
 */
public final class SesMailer implements Mailer {

    /** Attempts per mail, the first one included. */
    public static final int MAX_ATTEMPTS = 3;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(20);

    private static final String UTF_8 = "UTF-8";

    private final SesV2Client client;
    private final String sender;
    private final String configurationSet;

    /** A mailer sending from {@code sender}, without a configuration set. */
    public SesMailer(SesV2Client client, String sender) {
        this(client, sender, null);
    }

    /** A mailer sending from {@code sender}, in {@code configurationSet} when not null or blank. */
    public SesMailer(SesV2Client client, String sender, String configurationSet) {
        this.client = Objects.requireNonNull(client, "client");
        this.sender = requireText(sender, "sender");
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet.strip();
    }

    /**
     * Builds the client (once; keep the mailer in a static field of the handler) and reads the sender
     * and configuration set from the process environment; see the class comment.
     *
     * @throws IllegalStateException when {@code AWS_REGION} or {@code MAIL_SENDER} is missing
     */
    public static SesMailer fromEnvironment() {
        return fromEnvironment(System::getenv, Adapters.awsCredentials());
    }

    static SesMailer fromEnvironment(Function<String, String> env, AwsCredentialsProvider credentials) {
        String region = requireEnv(env, "AWS_REGION");
        String sender = requireEnv(env, "MAIL_SENDER");
        SesV2Client client = client(Region.of(region), credentials, endpointOverride(env).orElse(null));
        return new SesMailer(client, sender, env.apply("SES_CONFIGURATION_SET"));
    }

    /**
     * The endpoint {@link #fromEnvironment()} sets explicitly: {@code AWS_ENDPOINT_URL_SES}, unless
     * the SDK's own {@code AWS_ENDPOINT_URL_SESV2} is set or configured endpoints are to be ignored.
     */
    static Optional<URI> endpointOverride(Function<String, String> env) {
        if ("true".equalsIgnoreCase(strip(env.apply("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")))) return Optional.empty();
        if (strip(env.apply("AWS_ENDPOINT_URL_SESV2")) != null) return Optional.empty();
        return Optional.ofNullable(strip(env.apply("AWS_ENDPOINT_URL_SES"))).map(URI::create);
    }

    /** The client as {@link #fromEnvironment()} builds it (HTTP client, timeouts, bounded retries). */
    static SesV2Client client(Region region, AwsCredentialsProvider credentials, URI endpointOverride) {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .build())
                        .apiCallTimeout(API_CALL_TIMEOUT));
        if (endpointOverride != null) builder.endpointOverride(endpointOverride);
        return builder.build();
    }

    @Override
    public void send(Mail mail) {
        Objects.requireNonNull(mail, "mail");
        String to = requireText(mail.to(), "to");
        if (mail.text() == null && mail.html() == null) throw new IllegalArgumentException("mail has neither text nor html");

        Body.Builder body = Body.builder();
        if (mail.text() != null) body.text(utf8(mail.text()));
        if (mail.html() != null) body.html(utf8(mail.html()));
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(sender)
                .destination(Destination.builder().toAddresses(to).build())
                .content(EmailContent.builder()
                        .simple(Message.builder()
                                .subject(utf8(Objects.requireNonNullElse(mail.subject(), "")))
                                .body(body.build())
                                .build())
                        .build())
                .configurationSetName(configurationSet)
                .build();
        try {
            client.sendEmail(request);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new MailException("SES did not accept the mail to " + mask(to) + ": "
                    + (code == null ? "unknown error" : code)
                    + " (HTTP " + e.statusCode() + (e.requestId() == null ? "" : ", request id " + e.requestId()) + ")", e);
        } catch (SdkException e) {
            throw new MailException("Could not hand the mail to " + mask(to) + " over to SES: "
                    + e.getClass().getSimpleName()
                    + (e.getCause() == null ? "" : " caused by " + e.getCause().getClass().getSimpleName()), e);
        }
    }

    /** {@code jane.doe@example.com} becomes {@code j***@example.com}; anything without a local part {@code ***}. */
    static String mask(String email) {
        if (email == null) return "***";
        int at = email.lastIndexOf('@');
        if (at <= 0) return "***";
        return email.charAt(0) + "***" + email.substring(at);
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(UTF_8).build();
    }

    private static String requireEnv(Function<String, String> env, String name) {
        String value = strip(env.apply(name));
        if (value == null) throw new IllegalStateException("Environment variable " + name + " is not set");
        return value;
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) throw new IllegalArgumentException(name + " is blank");
        return value.strip();
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
