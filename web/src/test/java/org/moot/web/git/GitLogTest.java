package org.moot.web.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.WantNotValidException;
import org.junit.jupiter.api.Test;

class GitLogTest {

    @Test
    void aClientsRefusedRequestIsToldApartFromAFailureOfOurs() {
        WantNotValidException want = new WantNotValidException(ObjectId.zeroId());
        assertThat(GitLog.refusal(want)).contains(want);
        TooLargeObjectInPackException large = new TooLargeObjectInPackException(5_242_880, 4_194_304);
        assertThat(GitLog.refusal(new UnpackException(large))).contains(large);
        assertThat(GitLog.refusal(new IOException("No space left on device"))).isEmpty();
        assertThat(GitLog.refusal(new IllegalStateException(new NullPointerException()))).isEmpty();
    }
}
