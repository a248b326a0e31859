package dev.herald.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a response head means to a subscriber, status by status. */
class AnswerTest {

    @Test
    void a200EventStreamOpens() {
        assertThat(Answer.of(200, "text/event-stream")).isEqualTo(Answer.OPEN);
    }

    @Test
    void theContentTypeMayCarryParametersAndAnyCase() {
        assertThat(Answer.of(200, "Text/Event-Stream; charset=utf-8")).isEqualTo(Answer.OPEN);
    }

    @Test
    void a200OfAnythingElseIsNotAStream() {
        assertThat(Answer.of(200, "text/html")).isEqualTo(Answer.NOT_A_STREAM);
        assertThat(Answer.of(200, "")).isEqualTo(Answer.NOT_A_STREAM);
        assertThat(Answer.of(200, "text/event-streamx")).isEqualTo(Answer.NOT_A_STREAM);
    }

    @Test
    void a204Stops() {
        assertThat(Answer.of(204, "")).isEqualTo(Answer.STOP);
    }

    @Test
    void aGatewayErrorOrUnavailableNodeIsRetried() {
        assertThat(Answer.of(502, "")).isEqualTo(Answer.RETRY);
        assertThat(Answer.of(503, "")).isEqualTo(Answer.RETRY);
        assertThat(Answer.of(504, "")).isEqualTo(Answer.RETRY);
    }

    @Test
    void everyOtherStatusIsARefusal() {
        for (int status : new int[] {201, 301, 400, 401, 403, 404, 429, 500}) {
            assertThat(Answer.of(status, "text/event-stream")).as("status %d", status).isEqualTo(Answer.REFUSED);
        }
    }
}
