package org.moot.engine.git;

/** Hears how far a long Git transfer has got: each of its steps with its total, then the count done. */
public interface TransferProgress {

    TransferProgress NONE = new TransferProgress() {
        @Override
        public void step(String title, int total) {
        }

        @Override
        public void done(int count) {
        }
    };

    /** A step begins ("Receiving objects", 53,804); a total of 0 is unknown. */
    void step(String title, int total);

    /** How many of the current step's items are done. */
    void done(int count);

    /** JGit's own monitor, reporting to {@code progress}. */
    static org.eclipse.jgit.lib.ProgressMonitor jgit(TransferProgress progress) {
        return new org.eclipse.jgit.lib.ProgressMonitor() {
            private int done;

            @Override
            public void start(int totalTasks) {
            }

            @Override
            public void beginTask(String title, int totalWork) {
                done = 0;
                progress.step(title, totalWork);
            }

            @Override
            public void update(int completed) {
                done += completed;
                progress.done(done);
            }

            @Override
            public void endTask() {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void showDuration(boolean enabled) {
            }
        };
    }
}
