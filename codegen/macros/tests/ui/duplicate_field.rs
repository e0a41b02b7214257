graphgen_macros::action! {
    /// Start the transcription of a call.
    #[beta]
    POST "/communications/calls/{id}/startTranscription" => start_transcription {
        path { id }
        body {
            language: String,
            clientContext?: String,
            language: String,
        }
        returns 202 startTranscriptionOperation;
    }
}

fn main() {}
