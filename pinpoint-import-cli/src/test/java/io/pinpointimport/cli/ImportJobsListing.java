package io.pinpointimport.cli;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobsResponse;

/** Every import job of an application, read page by page (the SDK has no paginator for GetImportJobs). */
final class ImportJobsListing {
    private ImportJobsListing() {}

    static List<ImportJobResponse> all(PinpointAsyncClient pinpoint, String app) {
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
