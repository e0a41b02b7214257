// Every mistake of an input is reported, each at its own token.
graphgen_macros::action! {
    /// Start the transcription of a call.
    #[beta]
    POST "/communications/calls/{callId}/startTranscription" => start_transcription {
        path { id }
        body {
            language: Strin,
            language: String,
        }
        returns 202 startTranscriptionOperation;
    }
}

fn main() {}
