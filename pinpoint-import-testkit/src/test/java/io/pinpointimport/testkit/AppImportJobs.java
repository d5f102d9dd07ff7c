package io.pinpointimport.testkit;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobsResponse;

/** The import jobs of one application, as the end-to-end tests read them back from the emulator. */
final class AppImportJobs {
    private AppImportJobs() {}

    /**
     * @param pinpoint a client of the emulator
     * @param app the application
     * @return its import jobs, read page by page (the SDK has no paginator for GetImportJobs)
     */
    static List<ImportJobResponse> of(PinpointAsyncClient pinpoint, String app) {
        List<ImportJobResponse> all = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ImportJobsResponse r = pinpoint.getImportJobs(
                            b -> b.applicationId(app).pageSize("100").token(page))
                    .join()
                    .importJobsResponse();
            all.addAll(r.item());
            token = r.nextToken();
        } while (token != null);
        return all;
    }
}
